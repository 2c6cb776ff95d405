import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { outbox, signInLinks, verificationTokens } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { resetEnvForTests } from "@/lib/env";
import { createMember } from "@/test/factories";
import { clientIp, PEER_ADDRESS_HEADER } from "@/lib/request-ip";
import { onSignedIn } from "./callbacks";
import { inspectSignInLink } from "./links";
import { decideLinkRequest, LINKS_PER_IP, RESENDS_PER_LINK, seal, sweepSignInLinks, unseal } from "./link-requests";
import { queueSignInEmail } from "./sign-in-email";

const database = useTestDatabase();
const db = () => database.db;
const minute = 60_000;

beforeAll(() => {
  process.env.AUTH_SECRET = "s".repeat(43);
  resetEnvForTests();
});

/**
 * What Auth.js's email provider does when the action calls signIn("nodemailer")
 * (@auth/core lib/actions/signin/send-token.js): a random token, its hash stored in
 * verification_tokens, and sendVerificationRequest, which is our queueSignInEmail.
 */
async function mintLikeAuthJs(email: string, now: Date) {
  const token = randomBytes(32).toString("hex");
  const expires = new Date(now.getTime() + 10 * minute);
  const url = `http://localhost:3000/api/auth/callback/nodemailer?${new URLSearchParams({ callbackUrl: "http://localhost:3000/join", token, email })}`;
  const hashed = createHash("sha256").update(`${token}${process.env.AUTH_SECRET}`).digest("hex");
  await Promise.all([queueSignInEmail({ to: email, url, expires }), db().insert(verificationTokens).values({ identifier: email, token: hashed, expires })]);
}

/** The sign-in action's part: ask, and mint when told to. */
async function request(email: string, ip: string, now: Date) {
  const decision = await decideLinkRequest({ email, ip, now });
  if (decision.status === "send") await mintLikeAuthJs(decision.email, now);
  return decision.status;
}

async function mailbox(email: string) {
  return db().select({ text: outbox.text }).from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.id));
}

/** The token in the newest message to `email`, and whether Auth.js would still take it. */
async function newestLinkWorks(email: string, now: Date) {
  const [newest] = await mailbox(email);
  const token = /[?&]token=([^&\s]+)/.exec(newest?.text ?? "")?.[1] ?? "";
  return { token, works: (await inspectSignInLink({ email, token, now })) === "valid" };
}

/** Auth.js spends a token by deleting its row; then events.signIn runs onSignedIn. */
async function useLink(email: string, token: string) {
  const hashed = createHash("sha256").update(`${token}${process.env.AUTH_SECRET}`).digest("hex");
  await db()
    .delete(verificationTokens)
    .where(and(eq(verificationTokens.identifier, email), eq(verificationTokens.token, hashed)));
  const user = await createMember(db(), { email });
  await onSignedIn({ userId: user.id, email, provider: "nodemailer", adminEmails: [] });
}

describe("sign-in link requests for someone else's address", () => {
  it("never keep the member from getting a working link, and mail them at most 1 + RESENDS_PER_LINK times per link", async () => {
    const victim = "victim@agency.gov";
    const start = new Date("2030-03-01T12:00:00Z");
    // A stranger asks 40 times from 40 addresses (so no per-IP limit applies).
    for (let i = 0; i < 40; i++) expect(await request(victim, `203.0.113.${i}`, new Date(start.getTime() + i * 1000))).not.toBe("rate_limited");
    expect(await mailbox(victim)).toHaveLength(1 + RESENDS_PER_LINK);

    // The member asks too: no refusal, and the newest link in their mailbox works.
    expect(await request(victim, "198.51.100.1", new Date(start.getTime() + minute))).toBe("quiet");
    expect((await newestLinkWorks(victim, new Date(start.getTime() + minute))).works).toBe(true);
    // Every message so far carries that one link.
    const texts = (await mailbox(victim)).map((m) => /[?&]token=([^&\s]+)/.exec(m.text)?.[1]);
    expect(new Set(texts).size).toBe(1);

    // The link expires; the stranger keeps asking: one new link, re-sent at most RESENDS_PER_LINK times.
    const later = new Date(start.getTime() + 11 * minute);
    for (let i = 0; i < 40; i++) await request(victim, `192.0.2.${i}`, new Date(later.getTime() + i * 1000));
    expect(await mailbox(victim)).toHaveLength(2 * (1 + RESENDS_PER_LINK));
    const { token, works } = await newestLinkWorks(victim, later);
    expect(works).toBe(true);

    // The member uses it; their next request mints a fresh one, which works too.
    await useLink(victim, token);
    expect(await db().select().from(signInLinks).where(eq(signInLinks.identifier, victim))).toEqual([]);
    expect(await request(victim, "198.51.100.1", new Date(later.getTime() + 2 * minute))).toBe("send");
    const fresh = await newestLinkWorks(victim, new Date(later.getTime() + 2 * minute));
    expect(fresh.works).toBe(true);
    expect(fresh.token).not.toBe(token);
  });

  it("re-send the same token, but with where this requester wants to go, not where the first one chose", async () => {
    const email = "redirect@agency.gov";
    const now = new Date("2030-03-03T12:00:00Z");
    expect(await request(email, "192.0.2.50", now)).toBe("send");
    const decision = await decideLinkRequest({ email, ip: "198.51.100.3", redirectTo: "/join?next=%2Fevents", now });
    expect(decision.status).toBe("resent");
    const [resent, first] = await mailbox(email);
    const tokenOf = (text: string) => /[?&]token=([^&\s]+)/.exec(text)?.[1];
    expect(tokenOf(resent!.text)).toBe(tokenOf(first!.text));
    const link = new URL(/http\S+\/signin\/confirm\S+/.exec(resent!.text)![0]);
    // The emailed link carries the callback as a path on this site (lib/auth/sign-in-email.ts).
    const callback = new URL(link.searchParams.get("callbackUrl")!, link.origin);
    expect(callback.origin).toBe(link.origin);
    expect(callback.pathname + callback.search).toBe("/join?next=%2Fevents");
  });

  it("re-mint when the kept link was used elsewhere, even if its row is still there", async () => {
    const email = "used@agency.gov";
    const now = new Date("2030-03-02T12:00:00Z");
    expect(await request(email, "198.51.100.2", now)).toBe("send");
    await db().delete(verificationTokens).where(eq(verificationTokens.identifier, email));
    expect(await request(email, "198.51.100.2", now)).toBe("send");
    expect((await newestLinkWorks(email, now)).works).toBe(true);
  });
});

describe("the per-IP limit", () => {
  it("cannot be dodged by rotating X-Forwarded-For: the socket address is counted", async () => {
    const now = new Date("2030-04-01T12:00:00Z");
    const forged = (i: number) => clientIp(new Headers({ "x-forwarded-for": `10.0.${i}.1`, [PEER_ADDRESS_HEADER]: "192.0.2.77" }), 0);
    for (let i = 0; i < LINKS_PER_IP; i++) {
      expect(await decideLinkRequest({ email: `person${i}@agency.gov`, ip: forged(i), now })).toMatchObject({ status: "send" });
    }
    expect(await decideLinkRequest({ email: "one-more@agency.gov", ip: forged(99), now })).toMatchObject({ status: "rate_limited" });
    expect(await decideLinkRequest({ email: "one-more@agency.gov", ip: "192.0.2.78", now })).toMatchObject({ status: "send" });
  });

  it("never counts refused addresses", async () => {
    const now = new Date("2030-05-01T12:00:00Z");
    for (let i = 0; i < 40; i++)
      expect(await decideLinkRequest({ email: `someone${i}@gmail.com`, ip: "192.0.2.1", now })).toEqual({ status: "refused", reason: "domain_not_allowed" });
    expect((await decideLinkRequest({ email: "person@agency.gov", ip: "192.0.2.1", now })).status).toBe("send");
  });
});

describe("kept links", () => {
  it("are sealed: no token in the row, bound to their address, unreadable when tampered with", async () => {
    const now = new Date("2030-06-01T12:00:00Z");
    await mintLikeAuthJs("sealed@agency.gov", now);
    const [row] = await db().select().from(signInLinks).where(eq(signInLinks.identifier, "sealed@agency.gov"));
    const { token } = await newestLinkWorks("sealed@agency.gov", now);
    expect(row!.sealedUrl).not.toContain(token);
    expect(unseal(row!.sealedUrl, "sealed@agency.gov")).toContain(`token=${token}`);
    expect(unseal(row!.sealedUrl, "other@agency.gov")).toBeNull();
    const tampered = seal("https://evil.example/", "sealed@agency.gov").slice(0, -2) + "AA";
    expect(unseal(tampered, "sealed@agency.gov")).toBeNull();
  });

  it("are swept once expired", async () => {
    const now = new Date("2030-07-01T12:00:00Z");
    await mintLikeAuthJs("swept@agency.gov", now);
    await sweepSignInLinks(new Date(now.getTime() + 5 * minute));
    expect(await db().select().from(signInLinks).where(eq(signInLinks.identifier, "swept@agency.gov"))).toHaveLength(1);
    await sweepSignInLinks(new Date(now.getTime() + 11 * minute));
    expect(await db().select().from(signInLinks).where(eq(signInLinks.identifier, "swept@agency.gov"))).toEqual([]);
  });
});
