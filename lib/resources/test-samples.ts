import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { afterAll, beforeAll } from "vitest";
import { resetEnvForTests } from "@/lib/env";

/** Small, real byte samples of each allowed kind of file (and of some that are not), for tests. */
const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "latin1") : Buffer.from(part))));

/** A stored (uncompressed) zip with the given entries: enough for an OOXML container. */
export function zipOf(entries: [name: string, content: string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const OOXML = "application/vnd.openxmlformats-officedocument";
const ooxml = (main: string, part: string) =>
  zipOf([
    [
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${part}" ContentType="${OOXML}.${main}.main+xml"/></Types>`,
    ],
    [part, "<x/>"],
  ]);

export const SAMPLES = {
  pdf: bytes("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
  png: bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13],
    "IHDR",
    [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89],
    [0, 0, 0, 0],
    "IEND",
    [0xae, 0x42, 0x60, 0x82],
  ),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], "JFIF\0", [1, 1, 0, 0, 1, 0, 1, 0, 0], [0xff, 0xd9]),
  mp4: bytes([0, 0, 0, 0x18], "ftypmp42", [0, 0, 0, 0], "mp42isom", [0, 0, 0, 8], "free"),
  docx: ooxml("wordprocessingml.document", "word/document.xml"),
  pptx: ooxml("presentationml.presentation", "ppt/presentation.xml"),
  xlsx: ooxml("spreadsheetml.sheet", "xl/workbook.xml"),
  csv: Buffer.from("agency,followers\nGSA,12000\nNASA,“lots”\n", "utf8"),
  txt: Buffer.from("Notes from the session: keep posts short. Café ☕\n", "utf8"),
  vtt: Buffer.from("WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome, everyone.\n", "utf8"),
  html: Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n", "utf8"),
  exe: bytes("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0], Buffer.alloc(120)),
  zip: zipOf([["notes.txt", "hello"]]),
  latin1: bytes("caf\xe9 au lait\n"),
  binary: bytes([1, 2, 3, 0, 4, 5, 6, 0, 7]),
};

/** A fresh UPLOAD_DIR for the calling test file, removed afterwards. */
export function useUploadDir() {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "convene-uploads-"));
    process.env.UPLOAD_DIR = dir;
    resetEnvForTests();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.UPLOAD_DIR;
    resetEnvForTests();
  });
  return {
    get dir() {
      return dir;
    },
    /** Empties the directory between tests. */
    clear() {
      for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { recursive: true, force: true });
    },
    /** Every file under the directory (stored objects, partial writes and temp uploads alike). */
    files(): string[] {
      return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
        .filter((entry) => entry.isFile())
        .map((entry) => path.join(entry.parentPath, entry.name));
    },
  };
}

export const BOUNDARY = "----convene-test-boundary-7d1f";

export type Part = { name: string; value: string } | { name: string; fileName: string; content: Buffer; contentType?: string };

export function multipartBody(parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      "fileName" in part
        ? `form-data; name="${part.name}"; filename="${part.fileName.replace(/"/g, "%22")}"\r\nContent-Type: ${part.contentType ?? "application/octet-stream"}`
        : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n`, "utf8"));
    chunks.push("fileName" in part ? part.content : Buffer.from(part.value, "utf8"));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

export const TEST_ORIGIN = "http://convene.test";

export function uploadRequest(body: Buffer | ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request {
  return new Request(`${TEST_ORIGIN}/manage/resources/upload`, {
    method: "POST",
    body,
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, origin: TEST_ORIGIN, host: "convene.test", ...headers },
    // Node's fetch needs this for a streamed body.
    duplex: "half",
  } as RequestInit);
}
