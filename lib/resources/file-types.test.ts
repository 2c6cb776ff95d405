import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { afterAll, describe, expect, it } from "vitest";
import { ContentInspector } from "./content-inspector";
import { checkFileName } from "./file-name";
import { identifyUpload } from "./file-types";
import { SAMPLES } from "./test-samples";
import { UploadError } from "./upload-error";

const dir = mkdtempSync(path.join(tmpdir(), "convene-sniff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the upload pipeline does: stream through the inspector to a file, then identify. */
async function identify(content: Buffer, fileName: string) {
  const filePath = path.join(dir, `${Math.random().toString(36).slice(2)}.part`);
  writeFileSync(filePath, content);
  const inspector = new ContentInspector();
  // Small chunks, so multi-byte characters are split across them as they are on the wire.
  const chunks = Array.from({ length: Math.ceil(content.length / 7) }, (_, i) => content.subarray(i * 7, i * 7 + 7));
  await pipeline(Readable.from(chunks), inspector, new Writable({ write: (_chunk, _encoding, done) => done() }));
  return identifyUpload({ filePath, fileName, head: inspector.head, isText: inspector.isText });
}

async function refusal(content: Buffer, fileName: string): Promise<UploadError> {
  const error = await identify(content, fileName).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UploadError);
  return error as UploadError;
}

describe("what an upload really is", () => {
  it.each([
    ["slides.pdf", SAMPLES.pdf, "application/pdf"],
    ["deck.pptx", SAMPLES.pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    ["notes.docx", SAMPLES.docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["metrics.xlsx", SAMPLES.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["chart.png", SAMPLES.png, "image/png"],
    ["photo.jpg", SAMPLES.jpeg, "image/jpeg"],
    ["photo.JPEG", SAMPLES.jpeg, "image/jpeg"],
    ["session.mp4", SAMPLES.mp4, "video/mp4"],
    ["captions.vtt", SAMPLES.vtt, "text/vtt"],
    ["followers.csv", SAMPLES.csv, "text/csv"],
    ["notes.txt", SAMPLES.txt, "text/plain"],
  ])("accepts %s", async (fileName, content, mime) => {
    expect((await identify(content, fileName)).mime).toBe(mime);
  });

  it.each([
    ["a PNG named .pdf", SAMPLES.png, "report.pdf", /named “\.pdf” but it is a PNG image/],
    ["a PDF named .docx", SAMPLES.pdf, "report.docx", /named “\.docx” but it is a PDF document/],
    ["a Word document named .pptx", SAMPLES.docx, "deck.pptx", /but it is a Word document/],
    ["an HTML page named .pdf", SAMPLES.html, "report.pdf", /web page/],
    ["an HTML page named .txt", SAMPLES.html, "notes.txt", /web page/],
    ["a Windows program named .pdf", SAMPLES.exe, "report.pdf", /can’t be shared here/],
    ["a Windows program", SAMPLES.exe, "setup.exe", /can’t be shared here/],
    ["a plain zip", SAMPLES.zip, "files.zip", /application\/zip/],
    ["a zip named .docx", SAMPLES.zip, "notes.docx", /application\/zip/],
    ["captions named .txt", SAMPLES.vtt, "captions.txt", /Rename it to end in \.vtt/],
    ["text with a NUL byte", SAMPLES.binary, "data.csv", /couldn’t recognize/],
    ["text that isn't UTF-8", SAMPLES.latin1, "notes.txt", /couldn’t recognize/],
    ["text with another extension", SAMPLES.txt, "notes.md", /must end in \.txt or \.csv/],
    ["text with no extension", SAMPLES.txt, "README", /must end in \.txt or \.csv/],
  ])("refuses %s with 415", async (_label, content, fileName, message) => {
    const error = await refusal(content, fileName);
    expect(error.status).toBe(415);
    expect(error.message).toMatch(message);
    expect(error.fieldErrors?.file?.[0]).toBe(error.message);
  });

  it("judges a UTF-8 character split across chunks as text", async () => {
    expect((await identify(Buffer.from("ééééééééé☕☕☕☕", "utf8"), "accents.txt")).mime).toBe("text/plain");
  });

  it("refuses text that ends inside a multi-byte character", async () => {
    const cut = Buffer.from("café ☕", "utf8").subarray(0, -1);
    expect((await refusal(cut, "cut.txt")).status).toBe(415);
  });
});

describe("declared file names", () => {
  it.each([
    ["Q3 report (final).pdf", "Q3 report (final).pdf"],
    ["Résumé.pdf", "Résumé.pdf"],
    ["e\u0301te\u0301.pdf", "été.pdf"],
  ])("keeps %s", (raw, name) => {
    expect(checkFileName(raw)).toEqual({ ok: true, name });
  });

  it.each([
    ["../../etc/passwd.pdf", /\//],
    ["..\\windows\\evil.pdf", /\\/],
    ["reports/q3.pdf", /\//],
    ["invoice\u202Efdp.exe", /text-direction/],
    ["invoice\u2066.pdf", /text-direction/],
    ["line\nbreak.pdf", /control characters/],
    ["tab\t.pdf", /control characters/],
    ["nul\u0000.pdf", /control characters/],
    [".htaccess", /dot/],
    ["", /no name/],
    [`${"a".repeat(201)}.pdf`, /200 characters/],
  ])("refuses %j", (raw, problem) => {
    const checked = checkFileName(raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(problem);
  });
});
