import { describe, expect, it } from "vitest";
import { linkProblem, linkResourceSchema, resourceEditSchema } from "./resource-schema";

describe("links", () => {
  it.each(["https://digital.gov/guides/", "https://www.plainlanguage.gov/guidelines/?q=1#top", "  https://digital.gov  "])("accepts %j", (url) => {
    expect(linkProblem(url)).toBeNull();
  });

  it.each([
    ["javascript:alert(1)", /can’t run scripts/],
    ["JavaScript:alert(document.cookie)", /can’t run scripts/],
    ["java\tscript:alert(1)", /can’t run scripts/],
    ["\u0001javascript:alert(1)", /can’t run scripts/],
    ["data:text/html,<script>alert(1)</script>", /embedded content/],
    ["http://digital.gov/", /secure link that starts with https:\/\/, not http:\/\//],
    ["HTTP://digital.gov/", /not http:\/\//],
    ["ftp://files.gov/a", /starts with https:\/\//],
    ["digital.gov/guides", /starts with https:\/\//],
    ["https://user:pass@digital.gov/", /user name and password/],
    ["https://digital.gov/a b", /spaces/],
    ["", /Enter the link/],
  ])("refuses %j with a clear message", (url, message) => {
    expect(linkProblem(url)).toMatch(message);
  });
});

describe("the link form", () => {
  const valid = { title: "Guide", type: "guide", url: "https://digital.gov/" };

  it("normalizes topics to lowercase kebab words and an empty event to none", () => {
    const parsed = linkResourceSchema.parse({ ...valid, topics: " Plain Language, ACCESSIBILITY,, Café Posts ", eventId: "" });
    expect(parsed).toMatchObject({ topics: ["plain-language", "accessibility", "cafe-posts"], eventId: null, description: "" });
  });

  it("puts each problem beside its field", () => {
    const result = linkResourceSchema.safeParse({ title: " ", type: "podcast", url: "javascript:alert(1)", eventId: "42" });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(result.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(fields).toEqual({
      title: "Enter a title.",
      type: "Choose the type of resource.",
      url: "Links can’t run scripts. Enter a web address that starts with https://.",
      eventId: "Choose an event from the list.",
    });
  });

  it("refuses fields it does not know", () => {
    const result = resourceEditSchema.safeParse({ ...valid, createdBy: "someone-else", storageKey: "../x" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["createdBy", "storageKey"] });
  });

  it("refuses control characters in titles and too many topics", () => {
    expect(linkResourceSchema.safeParse({ ...valid, title: "Evil\u202Etxt.exe" }).success).toBe(false);
    expect(linkResourceSchema.safeParse({ ...valid, topics: Array.from({ length: 11 }, (_, i) => `t${i}`).join(",") }).success).toBe(false);
  });
});
