import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { createMember } from "@/test/factories";
import { isSignInAllowed, onSignedIn } from "./callbacks";

const database = useTestDatabase();
const domains = ["gov", "mil"];

describe("Auth.js callbacks", () => {
  it("applies the eligibility policy to every sign-in, whatever the provider", async () => {
    expect(await isSignInAllowed({ email: "pat@agency.gov", isLinkRequest: true, allowedDomains: domains })).toBe(true);
    expect(await isSignInAllowed({ email: "pat@agency.gov.evil.com", isLinkRequest: false, allowedDomains: domains })).toBe(false);
    expect(await isSignInAllowed({ email: undefined, isLinkRequest: false, allowedDomains: domains })).toBe(false);
  });

  it("sends a disabled member's link request to the usual page without mail, and refuses the sign-in", async () => {
    const member = await createMember(database.db, { disabledAt: new Date() });
    expect(await isSignInAllowed({ email: member.email, isLinkRequest: true, allowedDomains: domains })).toBe("/signin/check-email");
    expect(await isSignInAllowed({ email: member.email, isLinkRequest: false, allowedDomains: domains })).toBe(false);
  });

  it("makes ADMIN_EMAILS admins at sign-in, once, with an audit entry", async () => {
    const person = await createMember(database.db, { email: "chief@gsa.gov" });
    await onSignedIn({ userId: person.id, email: person.email, adminEmails: ["chief@gsa.gov"] });
    await onSignedIn({ userId: person.id, email: person.email, adminEmails: ["chief@gsa.gov"] });
    const [row] = await database.db.select({ role: users.role }).from(users).where(eq(users.id, person.id));
    expect(row?.role).toBe("admin");
    const entries = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, person.id), eq(auditLog.action, "member.role_changed")));
    expect(entries.map((e) => [e.action, e.detail])).toEqual([["member.role_changed", { from: "member", to: "admin", reason: "ADMIN_EMAILS" }]]);

    const other = await createMember(database.db);
    await onSignedIn({ userId: other.id, email: other.email, adminEmails: ["chief@gsa.gov"] });
    const [otherRow] = await database.db.select({ role: users.role }).from(users).where(eq(users.id, other.id));
    expect(otherRow?.role).toBe("member");
  });

  it("records every sign-in with its method and the person as actor", async () => {
    const person = await createMember(database.db);
    await onSignedIn({ userId: person.id, email: person.email, provider: "nodemailer", adminEmails: [] });
    await onSignedIn({ userId: person.id, email: person.email, provider: "login-gov", adminEmails: [] });
    const entries = await database.db
      .select({ actorId: auditLog.actorId, action: auditLog.action, targetId: auditLog.targetId, detail: auditLog.detail })
      .from(auditLog)
      .where(eq(auditLog.targetId, person.id))
      .orderBy(asc(auditLog.id));
    expect(entries).toEqual([
      { actorId: person.id, action: "member.signed_in", targetId: person.id, detail: { method: "email_link" } },
      { actorId: person.id, action: "member.signed_in", targetId: person.id, detail: { method: "login_gov" } },
    ]);
  });
});
