import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { feedTokens, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { AppError } from "@/lib/errors";
import { insertUser, viewerFor } from "@/lib/members/test-users";
import { findUserByFeedToken, getFeedStatus, personalFeedUrl, revokeFeedToken, rotateFeedToken } from "./feed-tokens";
import { SITE, useCalendarEnv } from "./test-helpers";

const database = useTestDatabase();
useCalendarEnv();

async function storedRows(userId: string) {
  return database.db.select().from(feedTokens).where(eq(feedTokens.userId, userId));
}

describe("feed tokens", () => {
  it("starts off, and a new link turns the feed on", async () => {
    const viewer = viewerFor(await insertUser(database.db));
    expect(await getFeedStatus(viewer)).toEqual({ enabled: false, createdAt: null });

    const now = new Date("2030-02-01T10:00:00Z");
    const token = await rotateFeedToken(viewer, now);
    expect(await getFeedStatus(viewer)).toEqual({ enabled: true, createdAt: now });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });

  it("stores only the SHA-256 of the token, one row per member", async () => {
    const viewer = viewerFor(await insertUser(database.db));
    const first = await rotateFeedToken(viewer);
    const second = await rotateFeedToken(viewer);
    expect(second).not.toBe(first);

    const rows = await storedRows(viewer.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(createHash("sha256").update(second).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(second);
  });

  it("finds the member by the current token only", async () => {
    const user = await insertUser(database.db);
    const viewer = viewerFor(user);
    const old = await rotateFeedToken(viewer);
    expect(await findUserByFeedToken(old)).toMatchObject({ id: user.id, email: user.email });

    const current = await rotateFeedToken(viewer);
    expect(await findUserByFeedToken(old)).toBeNull();
    expect(await findUserByFeedToken(current)).toMatchObject({ id: user.id });

    expect(await revokeFeedToken(viewer)).toBe(true);
    expect(await revokeFeedToken(viewer)).toBe(false);
    expect(await findUserByFeedToken(current)).toBeNull();
    expect(await getFeedStatus(viewer)).toEqual({ enabled: false, createdAt: null });
  });

  it("ignores malformed tokens without asking the database", async () => {
    for (const token of ["", "short", "x".repeat(44), `${"a".repeat(42)}=`, "../../etc/passwd", `${"a".repeat(42)}\n`]) {
      expect(await findUserByFeedToken(token)).toBeNull();
    }
  });

  it("stops serving a disabled account's feed", async () => {
    const user = await insertUser(database.db);
    const token = await rotateFeedToken(viewerFor(user));
    await database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await findUserByFeedToken(token)).toBeNull();
  });

  it("is for members only", async () => {
    await expect(getFeedStatus(null)).rejects.toBeInstanceOf(AppError);
    await expect(rotateFeedToken(null)).rejects.toMatchObject({ kind: "unauthenticated" });
    const notJoined = viewerFor(await insertUser(database.db, { guidelinesAcceptedAt: null }));
    await expect(rotateFeedToken(notJoined)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(revokeFeedToken(null)).rejects.toMatchObject({ kind: "unauthenticated" });
  });

  it("builds the public .ics address of a feed", () => {
    expect(personalFeedUrl("abc_DEF-123")).toBe(`${SITE}/calendar/feed/abc_DEF-123.ics`);
  });
});
