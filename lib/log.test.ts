import { AsyncLocalStorage } from "node:async_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { captureLogs, log, logFor } from "./log";
import type { RequestContext } from "./log-context";

const EMAIL = "pat.doe+events@agency.gov";
const STORE_KEY = Symbol.for("convene.request-context");
const globals = globalThis as Record<symbol, unknown>;

afterEach(() => {
  delete globals[STORE_KEY];
});

describe("lib/log.ts: what a log line may carry", () => {
  it("never writes an email address, wherever it hides, and keeps the member id", () => {
    const logs = captureLogs();
    try {
      const failure = new Error(`SMTP 550: mailbox ${EMAIL} unavailable`, { cause: new Error(`rcpt ${EMAIL.toUpperCase()}`) });
      log.info({ memberId: "2b1c5c1e-0000-4000-8000-000000000001", email: EMAIL, user: { email: EMAIL, name: "Pat" } }, `signed in as ${EMAIL}`);
      logFor("mail").warn({ to: [EMAIL], subject: `Your RSVP, ${EMAIL}`, recipients: [{ address: EMAIL }] }, "queued for %s", EMAIL);
      logFor("actions").error({ err: failure }, "server action failed unexpectedly");
      log.error(failure);
      log.info({ link: `https://convene.example.gov/api/auth/callback/nodemailer?token=abc123secret&email=${encodeURIComponent(EMAIL)}` }, "link");
      log.info({ headers: { cookie: "authjs.session-token=s3cret", authorization: "Bearer t0ken" } }, "headers");
    } finally {
      logs.restore();
    }
    const text = logs.raw.join("");
    expect(logs.raw).toHaveLength(6);
    for (const leak of ["@agency.gov", "%40agency.gov", "AGENCY.GOV", "pat.doe", "abc123secret", "s3cret", "t0ken"]) expect(text).not.toContain(leak);
    // Scrubbed, not dropped: the line still says what happened.
    expect(logs.lines[0]).toMatchObject({ level: "info", memberId: "2b1c5c1e-0000-4000-8000-000000000001", email: "[redacted]", msg: "signed in as [email]" });
    expect(logs.lines[1]).toMatchObject({ component: "mail", to: "[redacted]", subject: "Your RSVP, [email]", msg: "queued for [email]" });
    expect(logs.lines[2]).toMatchObject({ err: { type: "Error", message: "SMTP 550: mailbox [email] unavailable", cause: { message: "rcpt [email]" } } });
    expect(logs.lines[3]).toMatchObject({ level: "error", err: { message: "SMTP 550: mailbox [email] unavailable" } });
    expect(logs.lines[4]!.link).toBe("https://convene.example.gov/api/auth/callback/nodemailer?token=[redacted]&email=[redacted]");
  });

  it("adds the request id and the member id of the request it runs in (the preload's store)", () => {
    const storage = new AsyncLocalStorage<RequestContext>();
    globals[STORE_KEY] = storage;
    const logs = captureLogs();
    try {
      storage.run({ requestId: "req-1234abcd", memberId: "member-uuid-1" }, () => logFor("rsvp").info("changed"));
      logFor("rsvp").info("outside any request");
    } finally {
      logs.restore();
    }
    expect(logs.lines[0]).toMatchObject({ requestId: "req-1234abcd", memberId: "member-uuid-1", msg: "changed" });
    expect(logs.lines[1]).not.toHaveProperty("requestId");
  });

  it("writes one JSON object per line with an ISO time and the level by name", () => {
    const logs = captureLogs();
    try {
      log.warn("careful");
    } finally {
      logs.restore();
    }
    expect(logs.raw[0]!.endsWith("\n")).toBe(true);
    expect(logs.lines[0]).toMatchObject({ level: "warn", msg: "careful", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });
});
