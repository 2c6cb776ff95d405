/**
 * A document's UTF-8 bytes, encoded once and kept beside it: the community feed is the same
 * bytes for every subscriber until an event changes, and encoding its text anew for every poll
 * was a good part of what a poll cost. Keyed by the document object, which lives as long as its
 * version. (A gzip made once could not be sent: Next drops a route handler's Content-Encoding
 * and compresses the body itself, so a precompressed body would reach clients compressed twice.)
 */
const encoded = new WeakMap<object, Buffer>();

export function encodedBody(document: { body: string }): Buffer {
  let bytes = encoded.get(document);
  if (!bytes) {
    bytes = Buffer.from(document.body, "utf8");
    encoded.set(document, bytes);
  }
  return bytes;
}
