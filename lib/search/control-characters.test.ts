import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/db/testing";
import { listPublicEvents } from "@/lib/events/queries";
import { listMembersForAdmin } from "@/lib/members/admin";
import { searchDirectory } from "@/lib/members/directory";
import { listLibraryResources } from "@/lib/resources/library";
import { createMember, viewerOf } from "@/test/factories";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from "./control-characters";

const database = useTestDatabase();

// A NUL reached PostgreSQL ("invalid byte sequence") and came back as a 500; now each search refuses it as the searcher's mistake.
const HOSTILE = ["alt\u0000text", "\u0000", "bell\u0007", "del\u007f", "c1\u0085", "line\nbreak", "tab\tbed"];

describe("every search refuses control characters as invalid input", () => {
  it("the resource library, the event list, the member directory and the admin member list", async () => {
    const member = viewerOf(await createMember(database.db));
    const admin = viewerOf(await createMember(database.db, { role: "admin" }));
    const searches: Record<string, (query: string) => Promise<unknown>> = {
      resources: (query) => listLibraryResources({ viewer: null, filters: { query } }),
      events: (query) => listPublicEvents({ when: "upcoming", filters: { query } }),
      directory: (query) => searchDirectory(member, { query, page: 1 }),
      adminMembers: (query) => listMembersForAdmin(admin, { query, page: 1 }),
    };
    for (const [name, search] of Object.entries(searches)) {
      for (const query of HOSTILE) {
        await expect(search(query), `${name} ${JSON.stringify(query)}`).rejects.toMatchObject({
          kind: "invalid",
          status: 400,
          message: CONTROL_CHARACTER_MESSAGE,
        });
      }
      // Ordinary text, quotes and all, still searches.
      await expect(search(`"alt text" -slides 100% o'brien`), name).resolves.toBeDefined();
    }
  });

  it("spots C0, DEL and C1 controls and nothing else", () => {
    for (const text of HOSTILE) expect(hasControlCharacters(text)).toBe(true);
    for (const text of ["", "plain words", "naïve café", "emoji 🙂", "\u00a0nbsp", "100% _under_"]) expect(hasControlCharacters(text)).toBe(false);
  });
});
