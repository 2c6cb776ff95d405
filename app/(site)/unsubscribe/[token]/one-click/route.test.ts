import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import "@/lib/notifications/test-helpers";
import { createUnsubscribeToken } from "@/lib/notifications/unsubscribe-tokens";
import { createMember } from "@/test/factories";
import { POST } from "./route";

const database = useTestDatabase();

function post(token: string, body: string, headers: Record<string, string> = {}) {
  const request = new NextRequest(`http://localhost:3000/unsubscribe/${token}/one-click`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
  return POST(request, { params: Promise.resolve({ token }) });
}

async function digestOf(userId: string) {
  const [row] = await database.db.select({ on: users.weeklyDigest }).from(users).where(eq(users.id, userId));
  return row?.on;
}

describe("POST /unsubscribe/[token] (RFC 8058 one-click)", () => {
  it("unsubscribes a mail provider's cross-site POST, without a session", async () => {
    const member = await createMember(database.db, { weeklyDigest: true });
    const token = createUnsubscribeToken({ userId: member.id, kind: "digest" });
    const response = await post(token, "List-Unsubscribe=One-Click", { origin: "https://mail.example.com" });
    expect(response.status).toBe(200);
    expect(await digestOf(member.id)).toBe(false);
  });

  it("sends a person who pressed the button back to the page", async () => {
    const member = await createMember(database.db, { weeklyDigest: true });
    const token = createUnsubscribeToken({ userId: member.id, kind: "digest" });
    const response = await post(token, "List-Unsubscribe=One-Click", { accept: "text/html,application/xhtml+xml" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`http://localhost:3000/unsubscribe/${token}`);
  });

  it("answers 404 for a tampered token and 400 without the one-click body, changing nothing", async () => {
    const member = await createMember(database.db, { weeklyDigest: true });
    const token = createUnsubscribeToken({ userId: member.id, kind: "digest" });
    expect((await post(`${token.slice(0, -4)}AAAA`, "List-Unsubscribe=One-Click")).status).toBe(404);
    expect((await post(token, "")).status).toBe(400);
    expect((await post(token, "List-Unsubscribe=Something-Else")).status).toBe(400);
    expect(await digestOf(member.id)).toBe(true);
  });
});
