import type { ByteRange } from "@/lib/storage/types";

/**
 * One `bytes=` range (RFC 9110 §14.1.2) resolved against the object's size.
 * Null means "send the whole thing": no header, another unit, a syntax error, or
 * several ranges (answering those with multipart/byteranges is allowed to be skipped).
 */
export function resolveRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/i.exec(header.trim());
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return null;
  if (first === "") {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end: last === "" ? size - 1 : Math.min(Number(last), size - 1) };
}
