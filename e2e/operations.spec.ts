import fs from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { signUp, uniqueEmail } from "./auth-helpers";
import { expect, test } from "./fixtures";

/**
 * What a platform team relies on, against the production server (`npm start`'s preload
 * included): request ids on every kind of answer, health endpoints, Prometheus metrics
 * behind METRICS_TOKEN, and one access log line per request that names members by id only.
 */

const TOKEN = process.env.E2E_METRICS_TOKEN!;
const LOG_FILE = process.env.E2E_LOG_FILE!;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function rsvpCount(request: APIRequestContext): Promise<number> {
  const response = await request.get("/api/metrics", { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(response.status()).toBe(200);
  const body = await response.text();
  return ["going", "waitlisted"]
    .map((outcome) => body.split("\n").find((line) => line.startsWith(`convene_rsvp_changes_total{outcome="${outcome}"} `)))
    .reduce((sum, line) => sum + (line ? Number(line.split(" ").at(-1)) : 0), 0);
}

/** The access line for a request id, once the server has written it (it is written when the response finishes). */
async function accessLine(requestId: string): Promise<Record<string, unknown>> {
  let found: Record<string, unknown> | undefined;
  await expect
    .poll(() => {
      const lines = fs
        .readFileSync(LOG_FILE, "utf8")
        .split("\n")
        .filter((line) => line.startsWith("{"));
      found = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === "request" && entry.requestId === requestId);
      return Boolean(found);
    })
    .toBe(true);
  return found!;
}

test.describe("operations", () => {
  test("every kind of answer carries an x-request-id, and a trusted proxy's own id is kept", async ({ request }) => {
    const answers = {
      page: await request.get("/about"),
      "cached visitor page": await request.get("/events"),
      "route handler": await request.get("/api/health/live"),
      "upload route (no proxy)": await request.post("/manage/resources/upload", { headers: { accept: "text/html" }, data: "x" }),
      "not found": await request.get("/no-such-page"),
    };
    for (const [kind, response] of Object.entries(answers)) expect(response.headers()["x-request-id"], kind).toMatch(UUID);
    expect(new Set(Object.values(answers).map((response) => response.headers()["x-request-id"])).size).toBe(5);
    // The e2e server trusts one proxy hop (the tests play it).
    const traced = await request.get("/about", { headers: { "X-Request-Id": "lb-trace-0123456789" } });
    expect(traced.headers()["x-request-id"]).toBe("lb-trace-0123456789");
    expect(await accessLine("lb-trace-0123456789")).toMatchObject({ method: "GET", route: "/about", status: 200 });
  });

  test("liveness and readiness answer 200, readiness naming each check", async ({ request }) => {
    const live = await request.get("/api/health/live");
    expect(live.status()).toBe(200);
    const ready = await request.get("/api/health/ready");
    expect(ready.status()).toBe(200);
    const body = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(body.status).toBe("ready");
    expect(Object.keys(body.checks).sort()).toEqual(["database", "deliverer", "migrations", "outbox"]);
    for (const check of Object.values(body.checks)) expect(check.ok).toBe(true);
    expect((await request.get("/api/health")).status()).toBe(200);
  });

  test("metrics need the token, and the RSVP counter grows with an RSVP; the access line names the member by id only", async ({ page, request }) => {
    test.setTimeout(120_000);
    expect((await request.get("/api/metrics")).status()).toBe(404);
    expect((await request.get("/api/metrics", { headers: { Authorization: "Bearer wrong-token-0123456789" } })).status()).toBe(404);
    const scrape = await request.get("/api/metrics", { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(scrape.headers()["content-type"]).toContain("text/plain; version=0.0.4");
    const text = await scrape.text();
    for (const series of [
      "convene_outbox_pending ",
      "convene_outbox_failed ",
      "convene_outbox_oldest_pending_age_seconds ",
      "convene_notifications_due_unsent ",
      "process_resident_memory_bytes ",
    ]) {
      expect(text).toContain(series);
    }
    const before = await rsvpCount(request);

    const email = uniqueEmail("ops-metrics");
    await signUp(page, email);
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    await page.goto("/events?q=Bluesky");
    await page.getByRole("list", { name: "Upcoming events" }).getByRole("listitem").first().getByRole("link").first().click();
    await page.getByRole("button", { name: "RSVP: I'm going" }).click();
    await expect(page.getByTestId("rsvp-panel")).toContainText(/You're going|waitlist/);
    await expect.poll(() => rsvpCount(request)).toBe(before + 1);

    // A signed-in request: its access line carries the member's id, never the address.
    const account = await page.request.get("/account");
    const requestId = account.headers()["x-request-id"]!;
    const line = await accessLine(requestId);
    expect(line).toMatchObject({ level: "info", method: "GET", route: "/account", status: 200, memberId: expect.stringMatching(UUID) });
    expect(typeof line.durationMs).toBe("number");
    expect(fs.readFileSync(LOG_FILE, "utf8")).not.toContain(email);
  });
});
