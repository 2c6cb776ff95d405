import { beforeAll, describe, expect, it } from "vitest";
import { resources } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/viewer";
import { createEvent, createMember, viewerOf } from "@/test/factories";
import { listLibraryResources, listResourceTopics, MAX_RESOURCES_PAGE, RESOURCES_PAGE_SIZE } from "./library";

const database = useTestDatabase();

let member: Viewer;
let newcomer: Viewer;
let eventSlug: string;

beforeAll(async () => {
  member = viewerOf(await createMember(database.db));
  newcomer = viewerOf(await createMember(database.db, { guidelinesAcceptedAt: null }));
  const event = await createEvent(database.db, { title: "Alt Text That Works" });
  const draft = await createEvent(database.db, { title: "Secret draft", status: "draft", publishedAt: null });
  eventSlug = event.slug;
  const base = Date.parse("2030-01-01T12:00:00Z");
  await database.db.insert(resources).values([
    ...Array.from({ length: 23 }, (_, i) => ({
      title: `Filler resource ${i}`,
      kind: "link" as const,
      type: "link" as const,
      url: `https://digital.gov/filler/${i}`,
      createdAt: new Date(base + i * 60_000),
    })),
    {
      title: "Alt text checklist",
      description: "Describe images for screen reader users.",
      kind: "link" as const,
      type: "toolkit" as const,
      url: "https://digital.gov/alt-text/",
      topics: ["accessibility"],
      eventId: event.id,
      createdAt: new Date(base + 100 * 60_000),
    },
    {
      title: "Session slides",
      description: "Captioning video posts step by step.",
      kind: "file" as const,
      type: "slides" as const,
      storageKey: "0b3c1a8e-8d1f-4a51-9a3e-5a1b8f0c2d11",
      fileName: "slides.pdf",
      mimeType: "application/pdf",
      sizeBytes: 1234,
      topics: ["accessibility", "video"],
      eventId: draft.id,
      createdAt: new Date(base + 200 * 60_000),
    },
  ]);
});

describe("the resource library", () => {
  it("lists newest first, twenty to a page", async () => {
    const first = await listLibraryResources({ viewer: member });
    expect(first.total).toBe(25);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(RESOURCES_PAGE_SIZE);
    expect(first.items.slice(0, 3).map((item) => item.title)).toEqual(["Session slides", "Alt text checklist", "Filler resource 22"]);
    const second = await listLibraryResources({ viewer: member, page: 2 });
    expect(second.items.map((item) => item.title)).toEqual([4, 3, 2, 1, 0].map((i) => `Filler resource ${i}`));
  });

  it("caps the page number", async () => {
    expect((await listLibraryResources({ viewer: member, page: 10 ** 9 })).page).toBe(MAX_RESOURCES_PAGE);
    expect((await listLibraryResources({ viewer: member, page: -3 })).page).toBe(1);
  });

  it("searches titles and descriptions with web search syntax", async () => {
    const titles = async (query: string) => (await listLibraryResources({ viewer: member, filters: { query } })).items.map((item) => item.title);
    expect(await titles("screen readers")).toEqual(["Alt text checklist"]);
    expect(await titles("captions")).toEqual(["Session slides"]);
    expect(await titles('"alt text" -slides')).toEqual(["Alt text checklist"]);
    expect(await titles("nothing-like-this")).toEqual([]);
  });

  it("searches only titles for visitors and people who have not joined: descriptions are members-only", async () => {
    for (const viewer of [null, newcomer]) {
      const search = async (query: string) => listLibraryResources({ viewer, filters: { query } });
      // Words that appear only in a description find nothing, and the total does not count them either.
      expect(await search("screen readers")).toMatchObject({ items: [], total: 0 });
      expect(await search("captioning")).toMatchObject({ items: [], total: 0 });
      expect((await search("checklist")).items.map((item) => item.title)).toEqual(["Alt text checklist"]);
      expect((await search("alt text")).total).toBe(1);
    }
  });

  it("filters by topic and by type", async () => {
    const titles = async (filters: { topic?: string; type?: "slides" | "toolkit" }) =>
      (await listLibraryResources({ viewer: member, filters })).items.map((item) => item.title);
    expect(await titles({ topic: "accessibility" })).toEqual(["Session slides", "Alt text checklist"]);
    expect(await titles({ topic: "video" })).toEqual(["Session slides"]);
    expect(await titles({ type: "toolkit" })).toEqual(["Alt text checklist"]);
    expect(await titles({ topic: "accessibility", type: "slides" })).toEqual(["Session slides"]);
  });

  it("gives members links, downloads, descriptions and public events", async () => {
    const { items, canOpen } = await listLibraryResources({ viewer: member, filters: { topic: "accessibility" } });
    expect(canOpen).toBe(true);
    const [slides, checklist] = items;
    // Its event is a draft, which has no public page to link to.
    expect(slides).toMatchObject({ forMembers: true, href: `/resources/${slides!.id}/download`, fileName: "slides.pdf", event: null });
    expect(checklist).toMatchObject({
      forMembers: true,
      href: "https://digital.gov/alt-text/",
      description: "Describe images for screen reader users.",
      event: { slug: eventSlug, title: "Alt Text That Works" },
    });
  });

  it.each([
    ["visitors", () => null],
    ["people who have not joined", () => newcomer],
  ])("shows %s titles, types and topics but no way in", async (_label, who) => {
    const { items, canOpen } = await listLibraryResources({ viewer: who(), filters: { topic: "accessibility" } });
    expect(canOpen).toBe(false);
    expect(items.map((item) => Object.keys(item).sort())).toEqual([
      ["createdAt", "forMembers", "id", "kind", "title", "topics", "type"],
      ["createdAt", "forMembers", "id", "kind", "title", "topics", "type"],
    ]);
    expect(JSON.stringify(items)).not.toMatch(/https:|download|slides\.pdf/);
  });

  it("lists the topics in use", async () => {
    expect(await listResourceTopics()).toEqual(["accessibility", "video"]);
  });
});
