import "server-only";
import { cacheTags, expireTags } from "@/lib/cache/shared-cache";
import { and, asc, count, eq, ilike, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { sessions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import type { GovernmentLevel } from "@/lib/members/government-levels";
import type { Viewer } from "@/lib/viewer";
import { clampPage, containsPattern, normalizeSearch } from "./search-pattern";

export const ADMIN_MEMBERS_PAGE_SIZE = 25;
export const MAX_ADMIN_MEMBERS_PAGE = 1000;

/** The roles an admin can hand out here; admin itself comes only from ADMIN_EMAILS. */
export const ASSIGNABLE_ROLES = ["member", "organizer"] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export type AdminMemberRow = {
  id: string;
  name: string | null;
  email: string;
  agency: string | null;
  organization: string | null;
  governmentLevel: GovernmentLevel | null;
  role: Viewer["role"];
  disabled: boolean;
  joined: boolean;
};

export type AdminMemberPage = { rows: AdminMemberRow[]; total: number; page: number; pageCount: number };

/** Everyone with an account, joined or not, so an admin can also find and disable a half-finished sign-up. */
export async function listMembersForAdmin(viewer: Viewer | null, { query, page }: { query?: string | null; page: number }): Promise<AdminMemberPage> {
  assertRole(viewer, ["admin"]);
  const db = await getDb();
  const search = normalizeSearch(query);
  const pattern = search ? containsPattern(search) : null;
  const where = pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.agency, pattern)) : undefined;
  const safePage = clampPage(page, MAX_ADMIN_MEMBERS_PAGE);
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        agency: users.agency,
        organization: users.organization,
        governmentLevel: users.governmentLevel,
        role: users.role,
        disabled: sql<boolean>`${users.disabledAt} is not null`,
        joined: sql<boolean>`${users.guidelinesAcceptedAt} is not null`,
      })
      .from(users)
      .where(where)
      .orderBy(sql`${users.name} asc nulls last`, asc(users.email))
      .limit(ADMIN_MEMBERS_PAGE_SIZE)
      .offset((safePage - 1) * ADMIN_MEMBERS_PAGE_SIZE),
    db.select({ total: count() }).from(users).where(where),
  ]);
  const total = totals?.total ?? 0;
  return { rows, total, page: safePage, pageCount: Math.max(1, Math.ceil(total / ADMIN_MEMBERS_PAGE_SIZE)) };
}

/**
 * Admins are made by ADMIN_EMAILS at sign-in, so this never touches an admin
 * (a demotion here would be undone at their next sign-in, and an admin who
 * demotes themself can lock the community out of its own settings).
 */
export async function changeMemberRole(viewer: Viewer | null, { userId, role }: { userId: string; role: AssignableRole }): Promise<void> {
  assertRole(viewer, ["admin"]);
  if (userId === viewer.id) throw new AppError("forbidden", "You can't change your own role.");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [target] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).for("update");
    if (!target) throw new AppError("not_found", "That member could not be found.");
    if (target.role === "admin") {
      throw new AppError("conflict", "Administrators' roles can't be changed here; they come from the ADMIN_EMAILS setting.");
    }
    if (target.role === role) return;
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "member.role_changed",
      targetType: "user",
      targetId: userId,
      detail: { from: target.role, to: role },
    });
  });
}

/**
 * Locks the rows of every active admin (joined, not disabled), in one order so two callers
 * cannot deadlock, and returns their ids. Under READ COMMITTED a row another transaction
 * disabled (or deleted) while we waited is re-checked and left out, so the answer is current.
 */
export async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), isNotNull(users.guidelinesAcceptedAt)))
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((row) => row.id);
}

/**
 * Disabling ends the person's sessions in the same transaction, so there is no
 * moment when the account is disabled but a browser is still signed in.
 */
export async function setMemberDisabled(viewer: Viewer | null, { userId, disabled }: { userId: string; disabled: boolean }, now = new Date()): Promise<void> {
  assertRole(viewer, ["admin"]);
  if (userId === viewer.id) throw new AppError("forbidden", "You can't disable your own account.");
  const db = await getDb();
  await db.transaction(async (tx) => {
    // Two admins disabling each other at once must not leave none: each first locks every active
    // admin, so the second waits, then finds it is no longer one of them.
    if (disabled && !(await lockActiveAdmins(tx)).includes(viewer.id)) {
      throw new AppError("forbidden", "Your account is no longer an active administrator, so nothing was changed.");
    }
    const [target] = await tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).for("update");
    if (!target) throw new AppError("not_found", "That member could not be found.");
    // Sessions go even when the account was already disabled: a stray one must not outlive it.
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    const wasDisabled = target.disabledAt !== null;
    if (wasDisabled === disabled) return;
    await tx
      .update(users)
      .set({ disabledAt: disabled ? now : null })
      .where(eq(users.id, userId));
    await recordAudit(tx, {
      actorId: viewer.id,
      action: disabled ? "member.disabled" : "member.enabled",
      targetType: "user",
      targetId: userId,
    });
  });
  expireTags([cacheTags.members]);
}
