import { Transform, type TransformCallback } from "node:stream";
import { UploadError } from "./upload-error";

const HEAD_BYTES = 1024;

/**
 * Watches an upload go by on its way to disk: its size, its first bytes, and whether
 * it is all valid UTF-8 without NULs, which is what "a text file" means here
 * (CSV, captions, notes). Done while streaming so a large file is read once.
 */
export class ContentInspector extends Transform {
  size = 0;
  head = Buffer.alloc(0);
  isText = true;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });

  /** captions: a field may have a smaller limit than the form's largest file; past it the stream fails with `tooLarge`. */
  constructor(private readonly limit?: { maxBytes: number; tooLarge: string; field?: string }) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.size += chunk.length;
    if (this.limit && this.size > this.limit.maxBytes) {
      return callback(new UploadError(413, this.limit.tooLarge, { [this.limit.field ?? "file"]: [this.limit.tooLarge] }));
    }
    if (this.head.length < HEAD_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    }
    if (this.isText) {
      if (chunk.includes(0)) this.isText = false;
      else this.isText = this.decodes(() => this.decoder.decode(chunk, { stream: true }));
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback) {
    // A file that ends inside a multi-byte character is not valid UTF-8.
    if (this.isText) this.isText = this.decodes(() => this.decoder.decode());
    callback();
  }

  private decodes(decode: () => string): boolean {
    try {
      decode();
      return true;
    } catch {
      return false;
    }
  }
}
