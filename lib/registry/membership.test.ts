import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { isSignInAllowed, onSignedIn } from "@/lib/auth/callbacks";
import { decideLinkRequest } from "@/lib/auth/link-requests";
import { resetEnvForTests } from "@/lib/env";
import { formData } from "@/test/db-snapshot";
import { createMember, viewerOf } from "@/test/factories";
import { expectAppError, setEnv } from "@/test/fixtures";
import { allowDomainSchema } from "./allowed-domain-schema";
import { allowDomain, listAllowedDomains, removeAllowedDomain } from "./allowed-domains";
import { lookupDotGov } from "./dotgov";
import { checkMembership, registeredDomain } from "./membership";

// The sign-in action end to end, as hostile-input.test.ts drives it: Auth.js's signIn only counts.
const signInCalls = vi.hoisted(() => [] as unknown[]);
vi.mock("@/auth", () => ({ auth: async () => null, signIn: async (...args: unknown[]) => void signInCalls.push(args), signOut: async () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.20" }) }));
vi.mock("next/cache", () => import("@/test/fixtures").then((fixtures) => fixtures.nextCacheStub));

const database = useTestDatabase();
const db = () => database.db;
const GOV_MIL = ["gov", "mil"];

beforeAll(() => {
  process.env.AUTH_SECRET = "r".repeat(43);
  resetEnvForTests();
});
beforeEach(() => {
  signInCalls.length = 0;
});

async function requestLink(email: string) {
  const { requestSignInLink } = await import("@/app/(site)/signin/actions");
  return requestSignInLink({ status: "idle" }, formData({ email }));
}

/** What Auth.js does for a first sign-in: the adapter creates the row, then events.signIn runs. */
async function signInAs(email: string) {
  const person = await createMember(db(), { email, organization: null, governmentLevel: null });
  expect(await isSignInAllowed({ email, isLinkRequest: false, allowedDomains: GOV_MIL })).toBe(true);
  await onSignedIn({ userId: person.id, email, provider: "nodemailer", adminEmails: [] });
  const [row] = await db().select().from(users).where(eq(users.id, person.id));
  return row!;
}

describe("the shipped .gov registry", () => {
  it("is CISA's snapshot: registered domains with their type, organization and level", () => {
    expect(lookupDotGov("gsa.gov")).toMatchObject({ type: "Federal - Executive", organization: "General Services Administration", level: "federal" });
    expect(lookupDotGov("ca.gov")).toMatchObject({ type: "State or territory", organization: "State of California", level: "state" });
    expect(lookupDotGov("austintexas.gov")).toMatchObject({ type: "City", level: "local" });
    expect(lookupDotGov("cherokee.gov")).toMatchObject({ type: "Tribal", level: "tribal" });
    expect(lookupDotGov("made-up-domain.gov")).toBeUndefined();
    expect(lookupDotGov("agency.gov")).toBeUndefined();
  });

  it("names the registered domain: the label before the top-level one", () => {
    expect(registeredDomain("someone@sub.gsa.gov")).toBe("gsa.gov");
    expect(registeredDomain("someone@a.b.c.army.mil")).toBe("army.mil");
    expect(registeredDomain("someone@gsa.gov")).toBe("gsa.gov");
  });
});

describe("joining with an address the registry lists", () => {
  it("someone@sub.gsa.gov gets a link, signs in and has GSA's organization and the federal level", async () => {
    expect(await requestLink("someone@sub.gsa.gov")).toEqual({ status: "idle" });
    expect(signInCalls).toHaveLength(1);
    const row = await signInAs("someone@sub.gsa.gov");
    expect(row).toMatchObject({ organization: "General Services Administration", governmentLevel: "federal" });
  });

  it("a state address (ca.gov) joins at the state level, a city's (austintexas.gov) at the local one", async () => {
    expect(await signInAs("rosa@ca.gov")).toMatchObject({ organization: "State of California", governmentLevel: "state" });
    expect(await signInAs("evan@austintexas.gov")).toMatchObject({ organization: "City of Austin", governmentLevel: "local" });
  });

  it("any .mil address is federal, Department of Defense", async () => {
    expect(await signInAs("pat@us.army.mil")).toMatchObject({ organization: "Department of Defense", governmentLevel: "federal" });
    expect(await checkMembership("pat@navy.mil", GOV_MIL)).toMatchObject({ ok: true, affiliation: { domain: "navy.mil", source: "mil" } });
  });

  it("fills in a member older than the registry (null) at their next sign-in", async () => {
    const legacy = await createMember(db(), { email: "legacy@hhs.gov", organization: null, governmentLevel: null });
    await onSignedIn({ userId: legacy.id, email: legacy.email, provider: "login-gov", adminEmails: [] });
    const [row] = await db().select().from(users).where(eq(users.id, legacy.id));
    expect(row).toMatchObject({ organization: "Department of Health and Human Services", governmentLevel: "federal" });
  });
});

describe("an address the registry does not list", () => {
  it("name@made-up-domain.gov is refused with a message naming the domain and whom to ask; no link is sent", async () => {
    const state = await requestLink("name@made-up-domain.gov");
    expect(state).toMatchObject({ status: "refused", email: "name@made-up-domain.gov" });
    const message = (state as { message: string }).message;
    expect(message).toContain("made-up-domain.gov is not in the official .gov registry");
    expect(message).toContain("socialmedia@gsa.gov");
    expect(signInCalls).toEqual([]);
    expect(await decideLinkRequest({ email: "name@sub.made-up-domain.gov", ip: "198.51.100.21" })).toEqual({
      status: "refused",
      reason: "not_registered",
      domain: "made-up-domain.gov",
    });
  });

  it("is refused at sign-in too (Login.gov reaches Convene with any address), sent to a page that says why", async () => {
    expect(await isSignInAllowed({ email: "name@made-up-domain.gov", isLinkRequest: false, allowedDomains: GOV_MIL })).toBe(
      "/signin/error?error=DomainNotRegistered",
    );
  });

  it("names the organizers' address from ORGANIZERS_EMAIL", async () => {
    const restore = setEnv({ ORGANIZERS_EMAIL: "community@agency.gov" });
    try {
      expect(((await requestLink("name@made-up-domain.gov")) as { message: string }).message).toContain("community@agency.gov");
    } finally {
      restore();
    }
  });

  it.each([
    ["a punycode look-alike of gsa.gov", "pat@xn--gs-jxa.gov"],
    ["a Cyrillic а in a registered name", "pat@\u0430gency.gov"],
    ["a punycode subdomain of a registered domain", "pat@xn--80ak6aa92e.gsa.gov"],
  ])("%s is refused as before, with the one eligibility message", async (_label, email) => {
    const state = await requestLink(email);
    expect(state).toMatchObject({ status: "refused", message: expect.stringContaining("official .gov or .mil email address") });
    expect(signInCalls).toEqual([]);
    expect(await isSignInAllowed({ email, isLinkRequest: false, allowedDomains: GOV_MIL })).toBe(false);
  });
});

describe("domains an admin allows", () => {
  it("lets the domain's people join with its organization and level, and audits adding and removing it", async () => {
    const admin = viewerOf(await createMember(db(), { role: "admin" }));
    expect((await checkMembership("clerk@newboard.gov", GOV_MIL)).ok).toBe(false);

    const input = allowDomainSchema.parse({ domain: " NewBoard.gov ", organization: "New Elections Board", level: "state", reason: "Joined the pilot" });
    await allowDomain(admin, input);
    expect(await signInAs("clerk@office.newboard.gov")).toMatchObject({ organization: "New Elections Board", governmentLevel: "state" });
    expect((await listAllowedDomains(admin)).map((row) => row.domain)).toContain("newboard.gov");

    await removeAllowedDomain(admin, { domain: "newboard.gov" });
    expect(await checkMembership("clerk@newboard.gov", GOV_MIL)).toEqual({ ok: false, reason: "not_registered", domain: "newboard.gov" });

    const audits = await db()
      .select({ action: auditLog.action, actorId: auditLog.actorId, detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, "domain"), eq(auditLog.targetId, "newboard.gov")));
    expect(audits).toEqual([
      { action: "registry.domain_allowed", actorId: admin.id, detail: { organization: "New Elections Board", level: "state", reason: "Joined the pilot" } },
      { action: "registry.domain_removed", actorId: admin.id, detail: { organization: "New Elections Board", level: "state", reason: "Joined the pilot" } },
    ]);
  });

  it("overrides the registry's answer for a domain it lists", async () => {
    const admin = viewerOf(await createMember(db(), { role: "admin" }));
    await allowDomain(admin, allowDomainSchema.parse({ domain: "cherokee.gov", organization: "Cherokee Nation", level: "tribal", reason: "check" }));
    expect((await listAllowedDomains(admin)).find((row) => row.domain === "cherokee.gov")).toMatchObject({ inRegistry: true });
    expect(await checkMembership("a@cherokee.gov", GOV_MIL)).toMatchObject({ ok: true, affiliation: { source: "allowed", level: "tribal" } });
  });

  it("agency.gov, which every test signs up with, is the demo's allowed domain", async () => {
    expect(await checkMembership("pat@agency.gov", GOV_MIL)).toEqual({
      ok: true,
      email: "pat@agency.gov",
      affiliation: { domain: "agency.gov", organization: "Demo Agency", level: "federal", source: "allowed" },
    });
  });

  it("only admins may list, add or remove, and a domain is added once", async () => {
    const member = viewerOf(await createMember(db()));
    const organizer = viewerOf(await createMember(db(), { role: "organizer" }));
    const input = allowDomainSchema.parse({ domain: "onceonly.gov", organization: "Once", level: "local", reason: "test" });
    await expectAppError(allowDomain(member, input), "forbidden");
    await expectAppError(allowDomain(organizer, input), "forbidden");
    await expectAppError(listAllowedDomains(organizer), "forbidden");
    await expectAppError(removeAllowedDomain(organizer, { domain: "agency.gov" }), "forbidden");
    const admin = viewerOf(await createMember(db(), { role: "admin" }));
    await allowDomain(admin, input);
    const again = await expectAppError(allowDomain(admin, input), "conflict");
    expect(again.fieldErrors?.domain?.[0]).toContain("already allowed");
    await expectAppError(removeAllowedDomain(admin, { domain: "never-added.gov" }), "not_found");
  });

  it.each([
    ["punycode", "xn--gency-3ve.gov", "plain letters"],
    ["non-ASCII", "\u0430gency.gov", "plain letters"],
    ["a subdomain", "sub.agency.gov", "registered domain"],
    ["a URL", "https://agency.gov", "registered domain"],
    ["an address", "pat@agency.gov", "registered domain"],
    ["nothing", "", "Enter a domain"],
  ])("refuses %s as a domain", (_label, domain, message) => {
    const result = allowDomainSchema.safeParse({ domain, organization: "X", level: "federal", reason: "y" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });

  it("refuses a top-level domain the deployment does not accept", async () => {
    const admin = viewerOf(await createMember(db(), { role: "admin" }));
    const error = await expectAppError(
      allowDomain(admin, allowDomainSchema.parse({ domain: "contractor.com", organization: "C", level: "other", reason: "r" })),
      "invalid",
    );
    expect(error.fieldErrors?.domain?.[0]).toBe("Only .gov and .mil domains can join this community.");
  });
});

describe("ALLOWED_EMAIL_DOMAINS", () => {
  it("still decides the top-level domains: with only mil, a registered .gov is refused", async () => {
    expect(await checkMembership("pat@gsa.gov", ["mil"])).toEqual({ ok: false, reason: "domain_not_allowed" });
    expect(await isSignInAllowed({ email: "pat@gsa.gov", isLinkRequest: false, allowedDomains: ["mil"] })).toBe(false);
    const restore = setEnv({ ALLOWED_EMAIL_DOMAINS: "mil" });
    try {
      expect(await requestLink("pat@gsa.gov")).toMatchObject({ status: "refused", message: expect.stringContaining("official .mil email address") });
    } finally {
      restore();
    }
  });

  it("another top-level domain a deployment allows joins with no organization and level other, unless an admin names it", async () => {
    const restore = setEnv({ ALLOWED_EMAIL_DOMAINS: "gov,mil,fed" });
    try {
      expect(await requestLink("pat@bureau.fed")).toEqual({ status: "idle" });
      expect(await checkMembership("pat@bureau.fed", ["gov", "mil", "fed"])).toMatchObject({
        ok: true,
        affiliation: { domain: "bureau.fed", organization: null, level: "other", source: "deployment" },
      });
      const admin = viewerOf(await createMember(db(), { role: "admin" }));
      await allowDomain(admin, allowDomainSchema.parse({ domain: "bureau.fed", organization: "The Bureau", level: "federal", reason: "r" }));
      expect(await checkMembership("pat@bureau.fed", ["gov", "mil", "fed"])).toMatchObject({
        ok: true,
        affiliation: { organization: "The Bureau", level: "federal" },
      });
    } finally {
      restore();
    }
  });
});
