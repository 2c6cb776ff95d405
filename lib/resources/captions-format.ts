/**
 * A strict reader for caption files: WebVTT (https://www.w3.org/TR/webvtt1/) and SubRip (.srt).
 * It does not render captions; it decides whether a file really is timed captions a player can
 * use, and says where it is not in words an organizer can act on. Pure: no I/O, no server-only.
 */

export const CAPTION_FORMATS = ["vtt", "srt"] as const;
export type CaptionFormat = (typeof CAPTION_FORMATS)[number];

export const CAPTIONS_MAX_BYTES = 2 * 1024 * 1024;
/** Far more than a day of speech; a file with more is not captions for one recording. */
export const CAPTIONS_MAX_CUES = 50_000;

export type CaptionsCheck =
  { ok: true; format: CaptionFormat; cueCount: number; lastEndMs: number; text: string; converted: boolean } | { ok: false; problem: string };

const SAVE_AS_UTF8 = "Save it as UTF-8 (most caption editors offer it when exporting) and upload it again.";

/** The file's text: UTF-8 with or without a byte order mark, or UTF-16 that says so with one (converted). */
export function decodeCaptionText(bytes: Uint8Array): { ok: true; text: string; converted: boolean } | { ok: false; problem: string } {
  let text: string;
  let converted = false;
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3));
    } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      text = new TextDecoder("utf-16le", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
      converted = true;
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      text = new TextDecoder("utf-16be", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
      converted = true;
    } else {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    }
  } catch {
    return { ok: false, problem: `The captions file isn’t in a text encoding we can read. ${SAVE_AS_UTF8}` };
  }
  if (text.includes("\u0000")) {
    return { ok: false, problem: `The captions file contains binary data, so it isn’t a text caption file. ${SAVE_AS_UTF8}` };
  }
  return { ok: true, text, converted };
}

/** Checks a captions file; `fileName` decides which format it must be (.vtt or .srt). */
export function checkCaptions(bytes: Uint8Array, fileName: string, maxBytes = CAPTIONS_MAX_BYTES): CaptionsCheck {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  if (ext !== "vtt" && ext !== "srt") {
    return { ok: false, problem: "Captions must be a WebVTT (.vtt) or SubRip (.srt) file." };
  }
  if (bytes.length === 0) return { ok: false, problem: "The captions file is empty." };
  if (bytes.length > maxBytes) {
    return { ok: false, problem: `The captions file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, more than captions for one recording need.` };
  }
  const decoded = decodeCaptionText(bytes);
  if (!decoded.ok) return decoded;
  const lines = decoded.text.replace(/\r\n?/g, "\n").split("\n");
  const result = ext === "vtt" ? readVtt(lines) : readSrt(lines);
  if (!result.ok) return result;
  // Stored as read: UTF-8 without a byte order mark, one kind of line ending.
  return { ...result, format: ext, text: lines.join("\n"), converted: decoded.converted };
}

type Read = { ok: true; cueCount: number; lastEndMs: number } | { ok: false; problem: string };

const at = (line: number, problem: string): { ok: false; problem: string } => ({ ok: false, problem: `Line ${line}: ${problem}` });
const quote = (text: string) => `“${text.length > 60 ? `${text.slice(0, 60)}…` : text}”`;

// hh:mm:ss.ttt with the hours optional (WebVTT §4.5), and hh:mm:ss,ttt (SubRip).
const VTT_TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const SRT_TIME = /^(\d{2,}):([0-5]\d):([0-5]\d),(\d{3})$/;

function toMs(match: RegExpExecArray): number {
  return ((Number(match[1] ?? 0) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000 + Number(match[4]);
}

const isBlank = (line: string | undefined) => line === undefined || line.trim() === "";

function readVtt(lines: string[]): Read {
  const signature = lines[0] ?? "";
  if (!/^WEBVTT(?:[ \t].*)?$/.test(signature)) {
    if (/^\d+$/.test(signature.trim()) && lines.some((line) => line.includes("-->") && line.includes(","))) {
      return { ok: false, problem: "This looks like a SubRip (.srt) file, not WebVTT. Rename it to end in .srt, or export it as WebVTT." };
    }
    return { ok: false, problem: "A WebVTT file must start with the line “WEBVTT”. This one doesn’t, so it isn’t WebVTT captions." };
  }
  let i = 1;
  // The header runs to the first blank line and may not hold a cue timing.
  for (; i < lines.length && !isBlank(lines[i]); i++) {
    if (lines[i]!.includes("-->")) return at(i + 1, "leave a blank line between “WEBVTT” and the first caption.");
  }
  let cueCount = 0;
  let lastStart = -1;
  let lastEndMs = 0;
  while (i < lines.length) {
    while (i < lines.length && isBlank(lines[i])) i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const first = lines[i]!;
    if (/^NOTE(?:[ \t]|$)/.test(first) || (cueCount === 0 && /^(STYLE|REGION)[ \t]*$/.test(first))) {
      for (; i < lines.length && !isBlank(lines[i]); i++) {
        if (lines[i]!.includes("-->")) return at(i + 1, "a comment or style block can’t hold a caption timing; end it with a blank line first.");
      }
      continue;
    }
    // An optional identifier, then the timing line.
    let timing = first;
    if (!first.includes("-->")) {
      i++;
      timing = lines[i] ?? "";
      if (isBlank(timing) || !timing.includes("-->")) {
        return at(blockStart + 1, `${quote(first)} isn’t a caption timing. Each caption needs a line like “00:00:01.000 --> 00:00:04.000”.`);
      }
    }
    const timingLine = i + 1;
    const [left = "", rest = ""] = splitArrow(timing);
    const right = rest.trimStart().split(/[ \t]/)[0] ?? "";
    const start = VTT_TIME.exec(left.trim());
    const end = VTT_TIME.exec(right);
    if (!start || !end) {
      if (/,\d{3}/.test(timing))
        return at(timingLine, `the timing ${quote(timing)} uses a comma before the milliseconds; WebVTT uses a full stop (00:00:01.000).`);
      return at(timingLine, `the timing ${quote(timing)} isn’t valid. Write it as “00:00:01.000 --> 00:00:04.000” (minutes and seconds up to 59).`);
    }
    const startMs = toMs(start);
    const endMs = toMs(end);
    if (endMs <= startMs) return at(timingLine, `this caption ends (${right}) before or when it starts (${left.trim()}).`);
    if (startMs < lastStart) return at(timingLine, "this caption starts before the one above it. Captions must be in time order.");
    i++;
    for (; i < lines.length && !isBlank(lines[i]); i++) {
      if (lines[i]!.includes("-->")) return at(i + 1, "a caption’s text can’t contain “-->”. Is a blank line missing before this timing?");
    }
    lastStart = startMs;
    lastEndMs = Math.max(lastEndMs, endMs);
    if (++cueCount > CAPTIONS_MAX_CUES) return { ok: false, problem: `The file has more than ${CAPTIONS_MAX_CUES.toLocaleString("en-US")} captions.` };
  }
  if (cueCount === 0) return { ok: false, problem: "The WebVTT file has no captions in it, only its header." };
  return { ok: true, cueCount, lastEndMs };
}

function readSrt(lines: string[]): Read {
  if (/^WEBVTT/.test(lines[0] ?? "")) {
    return { ok: false, problem: "This is a WebVTT file, not SubRip. Rename it to end in .vtt." };
  }
  let i = 0;
  let cueCount = 0;
  let lastStart = -1;
  let lastEndMs = 0;
  while (i < lines.length) {
    while (i < lines.length && isBlank(lines[i])) i++;
    if (i >= lines.length) break;
    const number = lines[i]!.trim();
    if (!/^\d+$/.test(number)) {
      return at(
        i + 1,
        `${quote(number)} isn’t a caption number. Each SubRip caption starts with its number, then a line like “00:00:01,000 --> 00:00:04,000”.`,
      );
    }
    i++;
    const timing = lines[i] ?? "";
    const [left = "", rest = ""] = splitArrow(timing);
    const right = rest.trimStart().split(/[ \t]/)[0] ?? "";
    const start = SRT_TIME.exec(left.trim());
    const end = SRT_TIME.exec(right);
    if (!timing.includes("-->") || !start || !end) {
      return at(
        i + 1,
        `${isBlank(timing) ? "caption " + number + " has no timing" : `the timing ${quote(timing)} isn’t valid`}. Write it as “00:00:01,000 --> 00:00:04,000”.`,
      );
    }
    const startMs = toMs(start);
    const endMs = toMs(end);
    if (endMs <= startMs) return at(i + 1, `caption ${number} ends (${right}) before or when it starts (${left.trim()}).`);
    if (startMs < lastStart) return at(i + 1, `caption ${number} starts before the one above it. Captions must be in time order.`);
    i++;
    if (isBlank(lines[i])) return at(i + 1, `caption ${number} has no text.`);
    for (; i < lines.length && !isBlank(lines[i]); i++) {
      if (lines[i]!.includes("-->")) return at(i + 1, "a caption’s text can’t contain “-->”. Is a blank line missing before this timing?");
    }
    lastStart = startMs;
    lastEndMs = Math.max(lastEndMs, endMs);
    if (++cueCount > CAPTIONS_MAX_CUES) return { ok: false, problem: `The file has more than ${CAPTIONS_MAX_CUES.toLocaleString("en-US")} captions.` };
  }
  if (cueCount === 0) return { ok: false, problem: "The SubRip file has no captions in it." };
  return { ok: true, cueCount, lastEndMs };
}

function splitArrow(line: string): [string, string] {
  const index = line.indexOf("-->");
  return index < 0 ? [line, ""] : [line.slice(0, index), line.slice(index + 3)];
}
