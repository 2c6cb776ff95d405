import { gzipSync } from "node:zlib";

/**
 * A document's bytes, UTF-8 encoded and gzipped once and kept beside it: the community feed is the
 * same bytes for every subscriber until an event changes, so encoding (and compressing) it on every
 * poll was most of what a poll cost. Keyed by the document object, which lives as long as its version.
 */
const encoded = new WeakMap<object, { identity: Buffer; gzip: Buffer }>();

export function encodedBody(document: { body: string }): { identity: Buffer; gzip: Buffer } {
  let bytes = encoded.get(document);
  if (!bytes) {
    const identity = Buffer.from(document.body, "utf8");
    bytes = { identity, gzip: gzipSync(identity) };
    encoded.set(document, bytes);
  }
  return bytes;
}

/** Whether the request's Accept-Encoding takes gzip (RFC 9110 12.5.3: a q of 0 refuses it, `*` stands for any). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
  if (!acceptEncoding) return false;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...parameters] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const gzip = weights.get("gzip") ?? weights.get("x-gzip") ?? weights.get("*");
  return gzip !== undefined && gzip > 0;
}
