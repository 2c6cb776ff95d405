import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { clearTables, createMember, viewerOf } from "@/test/factories";
import { listAuditActions, listAuditLog, openAuditCsv, parseAuditFilters } from "./audit-log";
import { AUDIT_PAGE_SIZE } from "./records-schema";
import { readStream } from "./test-zip";

const database = useTestDatabase();

async function scene() {
  const db = database.db;
  const admin = await createMember(db, { role: "admin", timeZone: "America/New_York" });
  const pat = await createMember(db, { email: `pat-${crypto.randomUUID().slice(0, 6)}@agency.gov` });
  const lee = await createMember(db, { role: "organizer" });
  const at = (iso: string) => new Date(iso);
  await db.insert(auditLog).values([
    { actorId: pat.id, action: "member.joined", targetType: "user", targetId: pat.id, createdAt: at("2030-01-10T15:00:00Z") },
    { actorId: lee.id, action: "event.created", targetType: "event", targetId: "e-1", createdAt: at("2030-01-11T15:00:00Z"), detail: { slug: "=cmd" } },
    { actorId: lee.id, action: "event.updated", targetType: "event", targetId: "e-1", createdAt: at("2030-01-12T15:00:00Z") },
    { actorId: lee.id, action: "event.updated", targetType: "event", targetId: "e-2", createdAt: at("2030-01-13T15:00:00Z") },
    // 23:30 on the 13th in New York is the 14th in UTC: the admin's day counts.
    { actorId: pat.id, action: "resource.downloaded", targetType: "resource", targetId: "r-1", createdAt: at("2030-01-14T04:30:00Z") },
    { actorId: null, action: "member.deleted", targetType: "user", targetId: "gone", createdAt: at("2030-01-15T15:00:00Z") },
  ]);
  return { admin, pat, lee };
}

beforeEach(async () => {
  await clearTables(database.db, auditLog);
});

const filters = (raw: Record<string, string>) => parseAuditFilters(raw);

describe("the audit log for admins", () => {
  it("lists everything newest first, and narrows by person, action, target and days in the admin's zone", async () => {
    const { admin, pat } = await scene();
    const viewer = viewerOf(admin);
    const actions = async (raw: Record<string, string>) => (await listAuditLog(viewer, filters(raw))).rows.map((r) => `${r.action} ${r.targetId}`);

    expect(await actions({})).toEqual([
      "member.deleted gone",
      "resource.downloaded r-1",
      "event.updated e-2",
      "event.updated e-1",
      "event.created e-1",
      "member.joined " + pat.id,
    ]);
    expect(await actions({ actor: pat.email.toUpperCase() })).toEqual(["resource.downloaded r-1", "member.joined " + pat.id]);
    expect(await actions({ action: "event.updated" })).toEqual(["event.updated e-2", "event.updated e-1"]);
    expect(await actions({ targetType: "event", targetId: "e-1" })).toEqual(["event.updated e-1", "event.created e-1"]);
    expect(await actions({ from: "2030-01-12", to: "2030-01-13" })).toEqual(["resource.downloaded r-1", "event.updated e-2", "event.updated e-1"]);
    expect(await actions({ actor: "nobody@agency.gov" })).toEqual([]);
    const page = await listAuditLog(viewer, filters({}));
    expect(page.rows[0]).toMatchObject({ actorEmail: null, action: "member.deleted" });
    expect(await listAuditActions(viewer)).toEqual(["event.created", "event.updated", "member.deleted", "member.joined", "resource.downloaded"]);
  });

  it("pages through the log", async () => {
    const { admin, lee } = await scene();
    await database.db
      .insert(auditLog)
      .values(
        Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({ actorId: lee.id, action: "rsvp.checked_in", targetType: "event", targetId: `bulk-${i}` })),
      );
    const viewer = viewerOf(admin);
    const first = await listAuditLog(viewer, filters({ action: "rsvp.checked_in" }), 1);
    const second = await listAuditLog(viewer, filters({ action: "rsvp.checked_in" }), 2);
    expect(first).toMatchObject({ total: AUDIT_PAGE_SIZE + 5, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(second.rows.map((r) => r.targetId)).toEqual(["bulk-4", "bulk-3", "bulk-2", "bulk-1", "bulk-0"]);
    // A page past the end shows the last one.
    expect((await listAuditLog(viewer, filters({ action: "rsvp.checked_in" }), 99)).page).toBe(2);
  });

  it("exports the same filters as CSV, safe for spreadsheets, and audits the export", async () => {
    const { admin } = await scene();
    const { filename, stream } = await openAuditCsv(viewerOf(admin), { targetType: "event", targetId: "e-1" });
    expect(filename).toMatch(/^audit-log-\d{8}-\d{6}\.csv$/);
    const rows = parse(await readStream(stream), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Action)).toEqual(["event.updated", "event.created"]);
    expect(rows[1]!["Detail (JSON)"]).toBe('{"slug":"=cmd"}');
    expect(rows[1]!["Time (UTC)"]).toBe("2030-01-11T15:00:00.000Z");

    const all = parse(await readStream((await openAuditCsv(viewerOf(admin), {})).stream), { columns: true, bom: true }) as Record<string, string>[];
    // The unfiltered export lists both exports (this one first: newest first) and the six entries.
    expect(all.map((r) => r.Action).slice(0, 2)).toEqual(["audit.exported", "audit.exported"]);
    expect(all).toHaveLength(8);
    const [recorded] = await database.db.select().from(auditLog).where(eq(auditLog.action, "audit.exported")).limit(1);
    expect(recorded).toMatchObject({
      actorId: admin.id,
      targetType: "audit_log",
      detail: { format: "csv", filters: { targetType: "event", targetId: "e-1" } },
    });
  });

  it("pages the CSV through more rows than one read", async () => {
    const { admin, lee } = await scene();
    await database.db
      .insert(auditLog)
      .values(Array.from({ length: 1203 }, (_, i) => ({ actorId: lee.id, action: "rsvp.checked_in", targetType: "event", targetId: `bulk-${i}` })));
    const rows = parse(await readStream((await openAuditCsv(viewerOf(admin), { action: "rsvp.checked_in" })).stream), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(1203);
    expect(new Set(rows.map((r) => r["Audit ID"])).size).toBe(1203);
  });

  it("refuses organizers, members and visitors before reading their filters", async () => {
    const { pat, lee } = await scene();
    await expect(listAuditLog(viewerOf(lee), {})).rejects.toMatchObject({ kind: "forbidden" });
    await expect(listAuditLog(viewerOf(pat), {})).rejects.toMatchObject({ kind: "forbidden" });
    await expect(listAuditLog(null, {})).rejects.toMatchObject({ kind: "unauthenticated" });
    await expect(openAuditCsv(viewerOf(lee), { from: "nonsense" })).rejects.toMatchObject({ kind: "forbidden" });
    await expect(listAuditActions(viewerOf(pat))).rejects.toMatchObject({ kind: "forbidden" });
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "audit.exported"))).toEqual([]);
  });

  it("refuses filters that are not what the form sends, naming each field", () => {
    expect(() => parseAuditFilters({ actor: "not an email" })).toThrow(expect.objectContaining({ fieldErrors: { actor: [expect.stringContaining("email")] } }));
    expect(() => parseAuditFilters({ action: "DROP TABLE" })).toThrow(expect.objectContaining({ fieldErrors: { action: [expect.any(String)] } }));
    expect(() => parseAuditFilters({ from: "2030-02-01", to: "2030-01-01" })).toThrow(
      expect.objectContaining({ fieldErrors: { to: [expect.stringContaining("on or after")] } }),
    );
    expect(() => parseAuditFilters({ targetId: "a\u0000b" })).toThrow(expect.objectContaining({ kind: "invalid" }));
    expect(parseAuditFilters({ actor: "", action: "", from: "", to: "" })).toEqual({});
  });
});
