import { describe, expect, it, vi } from "vitest";
import { outbox } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { cancelRsvp, rsvpToEvent } from "@/lib/events/rsvp";
import { createEvent, createMember, viewerOf } from "@/test/factories";
import { setEnv } from "@/test/fixtures";
import { metricsAccess } from "./metrics-auth";

vi.mock("next/cache", () => import("@/test/fixtures").then((f) => f.nextCacheStub));

const TOKEN = "metrics-token-0123456789abcdef";

describe("metricsAccess: who may scrape", () => {
  it("is off without a token, refuses a wrong or malformed one, allows the right bearer", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, undefined)).toBe("off");
    expect(metricsAccess(null, TOKEN)).toBe("refused");
    expect(metricsAccess(`Bearer ${TOKEN}x`, TOKEN)).toBe("refused");
    expect(metricsAccess(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe("refused");
    expect(metricsAccess(TOKEN, TOKEN)).toBe("refused");
    expect(metricsAccess(`Basic ${TOKEN}`, TOKEN)).toBe("refused");
    expect(metricsAccess(`Bearer ${TOKEN}`, TOKEN)).toBe("allowed");
    expect(metricsAccess(`bearer  ${TOKEN}`, TOKEN)).toBe("allowed");
  });
});

describe("GET /api/metrics", () => {
  const database = useTestDatabase();
  const scrape = async (authorization?: string) => {
    const { GET } = await import("@/app/api/metrics/route");
    return GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));
  };
  const value = (body: string, series: string) => {
    const line = body.split("\n").find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it("is not found while METRICS_TOKEN is unset, and for a wrong token", async () => {
    const restore = setEnv({ METRICS_TOKEN: undefined });
    try {
      expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    } finally {
      restore();
    }
    const again = setEnv({ METRICS_TOKEN: TOKEN });
    try {
      const wrong = await scrape("Bearer not-the-token-at-all-000");
      expect(wrong.status).toBe(404);
      expect(await wrong.text()).not.toContain("convene_");
      expect((await scrape()).status).toBe(404);
    } finally {
      again();
    }
  });

  it("answers the right token with Prometheus text: backlog gauges from the database, counters from the code, process metrics", async () => {
    const restore = setEnv({ METRICS_TOKEN: TOKEN });
    try {
      const hourAgo = new Date(Date.now() - 3_600_000);
      await database.db.insert(outbox).values([
        { to: "a@agency.gov", subject: "s", text: "t", kind: "test", createdAt: hourAgo },
        { to: "b@agency.gov", subject: "s", text: "t", kind: "test" },
        { to: "c@agency.gov", subject: "s", text: "t", kind: "test", status: "failed" },
      ]);
      const before = await (await scrape(`Bearer ${TOKEN}`)).text();
      const member = viewerOf(await createMember(database.db));
      const event = await createEvent(database.db, { capacity: 5 });
      await rsvpToEvent(member, { eventId: event.id });
      await cancelRsvp(member, { eventId: event.id });

      const response = await scrape(`Bearer ${TOKEN}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
      const body = await response.text();
      expect(value(body, "convene_outbox_pending")).toBeGreaterThanOrEqual(2);
      expect(value(body, "convene_outbox_failed")).toBeGreaterThanOrEqual(1);
      expect(value(body, "convene_outbox_oldest_pending_age_seconds")).toBeGreaterThanOrEqual(3600);
      expect(value(body, "convene_notifications_due_unsent")).toBeGreaterThanOrEqual(0);
      expect(value(body, "convene_database_up")).toBe(1);
      for (const outcome of ["going", "cancelled"]) {
        const series = `convene_rsvp_changes_total{outcome="${outcome}"}`;
        expect(value(body, series)).toBe((value(before, series) ?? 0) + 1);
      }
      expect(body).toContain("# TYPE convene_mail_send_duration_seconds histogram");
      expect(body).toContain("# TYPE convene_sign_in_link_requests_total counter");
      expect(body).toContain("process_cpu_user_seconds_total");
      expect(body).not.toContain("agency.gov");
    } finally {
      restore();
    }
  });
});
