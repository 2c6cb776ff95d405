import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, encodedBody } from "./encoded-body";

describe("a feed's encoded bytes", () => {
  it("are made once per document, and the gzip holds exactly the text", () => {
    const document = { body: "BEGIN:VCALENDAR\r\nSUMMARY:Café ☕\r\nEND:VCALENDAR\r\n".repeat(50) };
    const first = encodedBody(document);
    expect(encodedBody(document)).toBe(first);
    expect(first.identity.toString("utf8")).toBe(document.body);
    expect(gunzipSync(first.gzip).toString("utf8")).toBe(document.body);
    expect(first.gzip.byteLength).toBeLessThan(first.identity.byteLength / 5);
    expect(encodedBody({ body: document.body })).not.toBe(first);
  });

  it("go gzipped only to a client that takes gzip", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8, *;q=0.1")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("x-gzip")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("GZIP; Q=0.0")).toBe(false);
    expect(acceptsGzip("*;q=0, br")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("gzip;q=nonsense")).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip(null)).toBe(false);
  });
});
