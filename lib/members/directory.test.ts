import { beforeEach, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/viewer";
import { DIRECTORY_PAGE_SIZE, searchDirectory } from "./directory";
import { insertUser, viewerFor } from "./test-users";

const database = useTestDatabase();

let viewer: Viewer;

beforeEach(async () => {
  await database.db.delete(users);
  // The viewer is not listed: seeing the directory does not require being in it.
  viewer = viewerFor(await insertUser(database.db, { email: "viewer@agency.gov", name: "Vera Viewer" }));
});

describe("searchDirectory", () => {
  it("lists only opted-in, joined, enabled members, with name, agency and job title only", async () => {
    await insertUser(database.db, { name: "Listed Lee", email: "lee@agency.gov", directoryOptIn: true });
    await insertUser(database.db, { name: "Private Pat", directoryOptIn: false });
    await insertUser(database.db, { name: "Unjoined Uma", directoryOptIn: true, guidelinesAcceptedAt: null });
    await insertUser(database.db, { name: "Disabled Dan", directoryOptIn: true, disabledAt: new Date() });

    const result = await searchDirectory(viewer, { page: 1 });

    expect(result.entries).toEqual([
      { name: "Listed Lee", agency: "General Services Administration", jobTitle: "Social media specialist", organization: null, governmentLevel: null },
    ]);
    expect(result.total).toBe(1);
    expect(JSON.stringify(result)).not.toContain("@");
  });

  it("searches name and agency, case-insensitively, ordered by name", async () => {
    await insertUser(database.db, { name: "Zoe Park", agency: "National Park Service", directoryOptIn: true });
    await insertUser(database.db, { name: "Amir Khan", agency: "National Park Service", directoryOptIn: true });
    await insertUser(database.db, { name: "Parker Lewis", agency: "Department of Energy", directoryOptIn: true });
    await insertUser(database.db, { name: "Rita Moreno", agency: "Department of Energy", jobTitle: "Park ranger", directoryOptIn: true });

    const byAgency = await searchDirectory(viewer, { query: "park service", page: 1 });
    expect(byAgency.entries.map((entry) => entry.name)).toEqual(["Amir Khan", "Zoe Park"]);

    // Job titles are not searched: only name and agency.
    const byWord = await searchDirectory(viewer, { query: "PARK", page: 1 });
    expect(byWord.entries.map((entry) => entry.name)).toEqual(["Amir Khan", "Parker Lewis", "Zoe Park"]);
  });

  it("takes %, _ and backslash in the query literally", async () => {
    await insertUser(database.db, { name: "Percy", agency: "100% Digital", directoryOptIn: true });
    await insertUser(database.db, { name: "Other", agency: "1000 Digital", directoryOptIn: true });
    await insertUser(database.db, { name: "Under_score", agency: "Office", directoryOptIn: true });
    await insertUser(database.db, { name: "Back\\slash", agency: "Office", directoryOptIn: true });

    expect((await searchDirectory(viewer, { query: "100%", page: 1 })).entries.map((e) => e.name)).toEqual(["Percy"]);
    expect((await searchDirectory(viewer, { query: "%", page: 1 })).entries.map((e) => e.name)).toEqual(["Percy"]);
    expect((await searchDirectory(viewer, { query: "r_s", page: 1 })).entries.map((e) => e.name)).toEqual(["Under_score"]);
    expect((await searchDirectory(viewer, { query: "k\\s", page: 1 })).entries.map((e) => e.name)).toEqual(["Back\\slash"]);
  });

  it("pages by 24 and caps the page number at 500", async () => {
    await database.db.insert(users).values(
      Array.from({ length: 30 }, (_, i) => ({
        email: `listed${i}@agency.gov`,
        name: `Listed ${String(i).padStart(2, "0")}`,
        directoryOptIn: true,
        guidelinesAcceptedAt: new Date(),
      })),
    );
    const first = await searchDirectory(viewer, { page: 1 });
    expect(first.entries).toHaveLength(DIRECTORY_PAGE_SIZE);
    expect(first).toMatchObject({ total: 30, page: 1, pageCount: 2 });
    expect(first.entries[0]!.name).toBe("Listed 00");
    const second = await searchDirectory(viewer, { page: 2 });
    expect(second.entries.map((e) => e.name)).toEqual(["Listed 24", "Listed 25", "Listed 26", "Listed 27", "Listed 28", "Listed 29"]);
    expect((await searchDirectory(viewer, { page: 10_000 })).page).toBe(500);
  });

  it("is for members only", async () => {
    await expect(searchDirectory(null, { page: 1 })).rejects.toMatchObject({ kind: "unauthenticated" });
    const notJoined = searchDirectory({ ...viewer, hasJoined: false }, { page: 1 });
    await expect(notJoined).rejects.toBeInstanceOf(AppError);
    await expect(notJoined).rejects.toMatchObject({ kind: "forbidden" });
  });
});
