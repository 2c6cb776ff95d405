import { describe, expect, it } from "vitest";
import { encodedBody } from "./encoded-body";

describe("a feed's encoded bytes", () => {
  it("are made once per document and hold exactly its text", () => {
    const document = { body: "BEGIN:VCALENDAR\r\nSUMMARY:Café ☕\r\nEND:VCALENDAR\r\n" };
    const first = encodedBody(document);
    expect(encodedBody(document)).toBe(first);
    expect(first.toString("utf8")).toBe(document.body);
    expect(encodedBody({ body: document.body })).not.toBe(first);
  });
});
