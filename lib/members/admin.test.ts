import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, sessions, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/viewer";
import { ADMIN_MEMBERS_PAGE_SIZE, changeMemberRole, listMembersForAdmin, setMemberDisabled } from "./admin";
import { insertSessions, insertUser, viewerFor } from "./test-users";
import { expectAppError } from "@/test/fixtures";

const database = useTestDatabase();

let admin: Viewer;

beforeEach(async () => {
  await database.db.delete(auditLog);
  await database.db.delete(users);
  admin = viewerFor(await insertUser(database.db, { email: "admin@agency.gov", name: "Ada Admin", role: "admin" }));
});

async function auditFor(targetId: string) {
  return database.db.select().from(auditLog).where(eq(auditLog.targetId, targetId));
}

describe("admin functions refuse anyone who is not an admin", () => {
  it.each(["member", "organizer"] as const)("a %s gets forbidden from every one", async (role) => {
    const viewer = viewerFor(await insertUser(database.db, { role }));
    const target = await insertUser(database.db);
    await insertSessions(database.db, target.id, 1);

    await expectAppError(listMembersForAdmin(viewer, { page: 1 }), "forbidden");
    await expectAppError(changeMemberRole(viewer, { userId: target.id, role: "organizer" }), "forbidden");
    await expectAppError(setMemberDisabled(viewer, { userId: target.id, disabled: true }), "forbidden");

    const [after] = await database.db.select().from(users).where(eq(users.id, target.id));
    expect(after).toMatchObject({ role: "member", disabledAt: null });
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, target.id))).toHaveLength(1);
    expect(await auditFor(target.id)).toEqual([]);
  });

  it("a signed-out caller is unauthenticated", async () => {
    await expectAppError(listMembersForAdmin(null, { page: 1 }), "unauthenticated");
  });

  it("an admin who has not finished joining is refused", async () => {
    await expectAppError(listMembersForAdmin({ ...admin, hasJoined: false }, { page: 1 }), "forbidden");
  });
});

describe("listMembersForAdmin", () => {
  it("searches name, email and agency, and shows emails and status", async () => {
    await insertUser(database.db, { name: "Grace Hopper", email: "grace@navy.mil", agency: "Department of the Navy" });
    await insertUser(database.db, { name: "Alan Turing", email: "alan@nsa.gov", agency: "National Security Agency", disabledAt: new Date() });
    await insertUser(database.db, { name: null, email: "newcomer@census.gov", agency: null, guidelinesAcceptedAt: null });

    const byName = await listMembersForAdmin(admin, { query: "grace", page: 1 });
    expect(byName.rows.map((row) => row.email)).toEqual(["grace@navy.mil"]);
    expect(byName.total).toBe(1);

    const byEmail = await listMembersForAdmin(admin, { query: "NEWCOMER@", page: 1 });
    expect(byEmail.rows).toEqual([expect.objectContaining({ email: "newcomer@census.gov", joined: false, disabled: false, role: "member" })]);

    const byAgency = await listMembersForAdmin(admin, { query: "security agency", page: 1 });
    expect(byAgency.rows).toEqual([expect.objectContaining({ name: "Alan Turing", disabled: true, joined: true })]);

    const everyone = await listMembersForAdmin(admin, { query: "   ", page: 1 });
    expect(everyone.total).toBe(4);
  });

  it("takes % and _ in the search literally", async () => {
    await insertUser(database.db, { name: "Percent Person", agency: "100% Agency" });
    await insertUser(database.db, { name: "Other Person", agency: "1000 Agency" });
    const result = await listMembersForAdmin(admin, { query: "100%", page: 1 });
    expect(result.rows.map((row) => row.agency)).toEqual(["100% Agency"]);
    expect((await listMembersForAdmin(admin, { query: "_", page: 1 })).total).toBe(0);
  });

  it("pages by 25 and caps the page number", async () => {
    await database.db
      .insert(users)
      .values(Array.from({ length: 30 }, (_, i) => ({ email: `bulk${String(i).padStart(2, "0")}@agency.gov`, name: `Bulk ${String(i).padStart(2, "0")}` })));
    const first = await listMembersForAdmin(admin, { page: 1 });
    expect(first.rows).toHaveLength(ADMIN_MEMBERS_PAGE_SIZE);
    expect(first).toMatchObject({ total: 31, page: 1, pageCount: 2 });
    const second = await listMembersForAdmin(admin, { page: 2 });
    expect(second.rows).toHaveLength(6);
    const ids = new Set([...first.rows, ...second.rows].map((row) => row.id));
    expect(ids.size).toBe(31);

    const huge = await listMembersForAdmin(admin, { page: 1e12 });
    expect(huge.page).toBe(1000);
    expect(huge.rows).toEqual([]);
    expect((await listMembersForAdmin(admin, { page: -3 })).page).toBe(1);
    expect((await listMembersForAdmin(admin, { page: Number.NaN })).page).toBe(1);
  });
});

describe("changeMemberRole", () => {
  it("changes a member's role and audits from and to", async () => {
    const target = await insertUser(database.db);
    await changeMemberRole(admin, { userId: target.id, role: "organizer" });
    await changeMemberRole(admin, { userId: target.id, role: "member" });

    const [after] = await database.db.select().from(users).where(eq(users.id, target.id));
    expect(after!.role).toBe("member");
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, target.id), eq(auditLog.action, "member.role_changed")))
      .orderBy(auditLog.id);
    expect(audit.map((row) => ({ actorId: row.actorId, targetType: row.targetType, detail: row.detail }))).toEqual([
      { actorId: admin.id, targetType: "user", detail: { from: "member", to: "organizer" } },
      { actorId: admin.id, targetType: "user", detail: { from: "organizer", to: "member" } },
    ]);
  });

  it("writes nothing when the role is already the one asked for", async () => {
    const target = await insertUser(database.db, { role: "organizer" });
    await changeMemberRole(admin, { userId: target.id, role: "organizer" });
    expect(await auditFor(target.id)).toEqual([]);
  });

  it("refuses to change the admin's own role", async () => {
    const error = await expectAppError(changeMemberRole(admin, { userId: admin.id, role: "member" }), "forbidden");
    expect(error.message).toMatch(/your own role/);
    const [after] = await database.db.select().from(users).where(eq(users.id, admin.id));
    expect(after!.role).toBe("admin");
  });

  it("refuses to change another admin's role", async () => {
    const other = await insertUser(database.db, { role: "admin" });
    await expectAppError(changeMemberRole(admin, { userId: other.id, role: "organizer" }), "conflict");
    const [after] = await database.db.select().from(users).where(eq(users.id, other.id));
    expect(after!.role).toBe("admin");
    expect(await auditFor(other.id)).toEqual([]);
  });

  it("answers not found for an unknown user", async () => {
    await expectAppError(changeMemberRole(admin, { userId: randomUUID(), role: "organizer" }), "not_found");
  });
});

describe("setMemberDisabled", () => {
  it("disabling sets disabledAt and ends that member's sessions only", async () => {
    const target = await insertUser(database.db);
    const bystander = await insertUser(database.db);
    await insertSessions(database.db, target.id, 3);
    await insertSessions(database.db, bystander.id, 2);
    await insertSessions(database.db, admin.id, 1);
    const now = new Date("2026-03-01T12:00:00Z");

    await setMemberDisabled(admin, { userId: target.id, disabled: true }, now);

    const [after] = await database.db.select().from(users).where(eq(users.id, target.id));
    expect(after!.disabledAt).toEqual(now);
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, target.id))).toEqual([]);
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, bystander.id))).toHaveLength(2);
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, admin.id))).toHaveLength(1);
    expect(await auditFor(target.id)).toEqual([expect.objectContaining({ actorId: admin.id, action: "member.disabled", targetType: "user" })]);
  });

  it("enabling clears disabledAt and is audited", async () => {
    const target = await insertUser(database.db, { disabledAt: new Date("2026-02-01T00:00:00Z") });
    await setMemberDisabled(admin, { userId: target.id, disabled: false });
    const [after] = await database.db.select().from(users).where(eq(users.id, target.id));
    expect(after!.disabledAt).toBeNull();
    expect(await auditFor(target.id)).toEqual([expect.objectContaining({ actorId: admin.id, action: "member.enabled" })]);
  });

  it("disabling twice keeps the first time, audits once, and still clears stray sessions", async () => {
    const first = new Date("2026-02-01T00:00:00Z");
    const target = await insertUser(database.db, { disabledAt: first });
    await insertSessions(database.db, target.id, 1);
    await setMemberDisabled(admin, { userId: target.id, disabled: true });
    const [after] = await database.db.select().from(users).where(eq(users.id, target.id));
    expect(after!.disabledAt).toEqual(first);
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, target.id))).toEqual([]);
    expect(await auditFor(target.id)).toEqual([]);
  });

  it("refuses to disable the admin themself", async () => {
    await insertSessions(database.db, admin.id, 1);
    const error = await expectAppError(setMemberDisabled(admin, { userId: admin.id, disabled: true }), "forbidden");
    expect(error.message).toMatch(/your own account/);
    const [after] = await database.db.select().from(users).where(eq(users.id, admin.id));
    expect(after!.disabledAt).toBeNull();
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, admin.id))).toHaveLength(1);
  });

  it("answers not found for an unknown user", async () => {
    await expectAppError(setMemberDisabled(admin, { userId: randomUUID(), disabled: true }), "not_found");
  });

  it("refuses an admin who was disabled meanwhile, so the last active admin stays", async () => {
    const other = viewerFor(await insertUser(database.db, { role: "admin" }));
    await setMemberDisabled(admin, { userId: other.id, disabled: true });
    // `other` still holds a viewer from before (a page opened earlier); the database says otherwise.
    const error = await expectAppError(setMemberDisabled(other, { userId: admin.id, disabled: true }), "forbidden");
    expect(error.message).toMatch(/no longer an active administrator/);
    const [after] = await database.db.select().from(users).where(eq(users.id, admin.id));
    expect(after!.disabledAt).toBeNull();
  });
});

describe("two admins disabling each other at once", () => {
  // PGlite runs one transaction at a time, so only PostgreSQL can show the race.
  it("leaves exactly one of them active, every time", async ({ skip }) => {
    if (database.driver !== "postgres") skip("needs PostgreSQL (set DATABASE_URL)");
    for (let round = 0; round < 10; round++) {
      await database.db.delete(users);
      const a = viewerFor(await insertUser(database.db, { role: "admin" }));
      const b = viewerFor(await insertUser(database.db, { role: "admin" }));
      const outcomes = await Promise.allSettled([
        setMemberDisabled(a, { userId: b.id, disabled: true }),
        setMemberDisabled(b, { userId: a.id, disabled: true }),
      ]);
      expect(
        outcomes.filter((o) => o.status === "fulfilled"),
        `round ${round}`,
      ).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ kind: "forbidden", message: expect.stringMatching(/no longer an active administrator/) });
      const active = await database.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
      expect(active, `round ${round}`).toHaveLength(1);
    }
  });
});
