import { describe, expect, it } from "vitest";
import { CAPTIONS_MAX_BYTES, CAPTIONS_MAX_CUES, checkCaptions } from "./captions-format";

const utf8 = (text: string) => Buffer.from(text, "utf8");

const GOOD_VTT = `WEBVTT - Alt text session

NOTE recorded 2026-03-02

STYLE
::cue { color: yellow }

intro
00:00:01.000 --> 00:00:04.000 line:90%
Welcome, everyone.

00:00:04.500 --> 00:00:08.250
<v Host>Captions are on in the player.</v>

01:02:03.004 --> 01:02:05.000
Thank you.
`;

const GOOD_SRT = `1
00:00:01,000 --> 00:00:04,000
Welcome, everyone.

2
00:00:04,500 --> 00:00:08,250
Captions are on
in the player.
`;

function problemOf(bytes: Buffer, name: string) {
  const result = checkCaptions(bytes, name);
  if (result.ok) throw new Error(`expected a refusal, got ${result.cueCount} cues`);
  return result.problem;
}

describe("WebVTT captions", () => {
  it("accepts a file with a header, notes, a style block, identifiers, settings and voice tags", () => {
    expect(checkCaptions(utf8(GOOD_VTT), "session.vtt")).toMatchObject({ ok: true, format: "vtt", cueCount: 3, lastEndMs: 3_725_000, converted: false });
  });

  it("accepts minutes-only timings and Windows or old Mac line endings, and stores one kind", () => {
    const crlf = "WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHello\r\n";
    const result = checkCaptions(utf8(crlf), "a.vtt");
    expect(result).toMatchObject({ ok: true, cueCount: 1, text: "WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n" });
    expect(checkCaptions(utf8("WEBVTT\r\r00:01.000 --> 00:02.000\rHello\r"), "a.vtt")).toMatchObject({ ok: true, cueCount: 1 });
  });

  it("reads a UTF-8 byte order mark and stores the text without it", () => {
    const result = checkCaptions(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8("WEBVTT\n\n00:00.000 --> 00:01.000\nCafé ✓\n")]), "bom.vtt");
    expect(result).toMatchObject({ ok: true, converted: false });
    if (result.ok) expect(result.text.startsWith("WEBVTT")).toBe(true);
  });

  it("converts UTF-16 that says so with a byte order mark, little- or big-endian", () => {
    const text = "WEBVTT\n\n00:00.000 --> 00:01.000\nSí, señor\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(checkCaptions(le, "le.vtt")).toMatchObject({ ok: true, converted: true, text });
    expect(checkCaptions(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), "be.vtt")).toMatchObject({ ok: true, converted: true, text });
  });

  it("refuses text that is not UTF-8 (Windows-1252, say) or holds binary", () => {
    const latin1 = Buffer.concat([utf8("WEBVTT\n\n00:00.000 --> 00:01.000\nCaf"), Buffer.from([0xe9]), utf8("\n")]);
    expect(problemOf(latin1, "latin1.vtt")).toMatch(/isn’t in a text encoding we can read\. Save it as UTF-8/);
    expect(problemOf(utf8("WEBVTT\n\n00:00.000 --> 00:01.000\nA\u0000B\n"), "nul.vtt")).toMatch(/binary data/);
    expect(problemOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), "image.vtt")).toMatch(/encoding|binary/);
  });

  it("refuses garbage with a message that says what is wrong and where", () => {
    expect(problemOf(utf8("Hello there\n"), "x.vtt")).toBe("A WebVTT file must start with the line “WEBVTT”. This one doesn’t, so it isn’t WebVTT captions.");
    expect(problemOf(utf8("WEBVTTX\n\n00:00.000 --> 00:01.000\nA\n"), "x.vtt")).toMatch(/must start with the line “WEBVTT”/);
    expect(problemOf(utf8("WEBVTT\n"), "x.vtt")).toBe("The WebVTT file has no captions in it, only its header.");
    expect(problemOf(utf8("WEBVTT\n00:00.000 --> 00:01.000\nA\n"), "x.vtt")).toBe("Line 2: leave a blank line between “WEBVTT” and the first caption.");
    expect(problemOf(utf8("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nA\n"), "x.vtt")).toMatch(
      /^Line 3: the timing .* uses a comma before the milliseconds; WebVTT uses a full stop/,
    );
    expect(problemOf(utf8("WEBVTT\n\n00:00:61.000 --> 00:01:02.000\nA\n"), "x.vtt")).toMatch(/^Line 3: the timing .* isn’t valid/);
    expect(problemOf(utf8("WEBVTT\n\n00:00:1.000 --> 00:00:02.000\nA\n"), "x.vtt")).toMatch(/^Line 3: the timing/);
    expect(problemOf(utf8("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nA\n"), "x.vtt")).toMatch(
      /^Line 3: this caption ends \(00:00:02\.000\) before or when it starts/,
    );
    expect(problemOf(utf8("WEBVTT\n\n00:05.000 --> 00:06.000\nA\n\n00:01.000 --> 00:02.000\nB\n"), "x.vtt")).toMatch(/^Line 6: .*time order/);
    expect(problemOf(utf8("WEBVTT\n\njust some words\nmore words\n"), "x.vtt")).toMatch(/^Line 3: “just some words” isn’t a caption timing/);
    expect(problemOf(utf8("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n00:02.000 --> 00:03.000\nB\n"), "x.vtt")).toMatch(/^Line 5: .*Is a blank line missing/);
  });

  it("tells an SRT file named .vtt apart, and the other way round", () => {
    expect(problemOf(utf8(GOOD_SRT), "named-wrong.vtt")).toMatch(/looks like a SubRip \(\.srt\) file/);
    expect(problemOf(utf8(GOOD_VTT), "named-wrong.srt")).toBe("This is a WebVTT file, not SubRip. Rename it to end in .vtt.");
  });

  it("refuses other file names, empty files, huge files and too many captions", () => {
    expect(problemOf(utf8(GOOD_VTT), "captions.txt")).toBe("Captions must be a WebVTT (.vtt) or SubRip (.srt) file.");
    expect(problemOf(Buffer.alloc(0), "a.vtt")).toBe("The captions file is empty.");
    const huge = Buffer.concat([utf8("WEBVTT\n\n00:00.000 --> 00:01.000\n"), Buffer.alloc(CAPTIONS_MAX_BYTES, 0x41)]);
    expect(problemOf(huge, "huge.vtt")).toMatch(/larger than 2 MB/);
    const stamp = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 23);
    const many = ["WEBVTT", ""];
    for (let i = 0; i <= CAPTIONS_MAX_CUES; i++) many.push(`${stamp(i)} --> ${stamp(i + 0.5)}`, "x", "");
    expect(checkCaptions(utf8(many.join("\n")), "many.vtt")).toEqual({ ok: false, problem: "The file has more than 50,000 captions." });
  });
});

describe("SubRip captions", () => {
  it("accepts numbered captions with multi-line text", () => {
    expect(checkCaptions(utf8(GOOD_SRT), "session.srt")).toMatchObject({ ok: true, format: "srt", cueCount: 2, lastEndMs: 8250 });
  });

  it("accepts a UTF-8 byte order mark, CRLF line endings and trailing position coordinates", () => {
    const text = "\ufeff1\r\n00:00:01,000 --> 00:00:02,000 X1:100 X2:200 Y1:10 Y2:20\r\nHi\r\n";
    expect(checkCaptions(utf8(text), "a.srt")).toMatchObject({ ok: true, cueCount: 1 });
  });

  it("refuses a missing number, a bad timing, no text and captions out of order", () => {
    expect(problemOf(utf8("00:00:01,000 --> 00:00:02,000\nHi\n"), "a.srt")).toMatch(/^Line 1: .* isn’t a caption number/);
    expect(problemOf(utf8("1\n00:00:01.000 --> 00:00:02.000\nHi\n"), "a.srt")).toMatch(/^Line 2: the timing .* isn’t valid\. Write it as “00:00:01,000/);
    expect(problemOf(utf8("1\n\nHi\n"), "a.srt")).toMatch(/^Line 2: caption 1 has no timing/);
    expect(problemOf(utf8("1\n00:00:01,000 --> 00:00:02,000\n\n"), "a.srt")).toBe("Line 3: caption 1 has no text.");
    expect(problemOf(utf8("1\n00:00:03,000 --> 00:00:02,000\nHi\n"), "a.srt")).toMatch(/^Line 2: caption 1 ends/);
    expect(problemOf(utf8("1\n00:00:05,000 --> 00:00:06,000\nA\n\n2\n00:00:01,000 --> 00:00:02,000\nB\n"), "a.srt")).toMatch(
      /^Line 6: caption 2 starts before/,
    );
    expect(problemOf(utf8("\n\n"), "a.srt")).toBe("The SubRip file has no captions in it.");
  });
});
