import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

function problemsOf(source: Record<string, string>) {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("has working defaults for development", () => {
    const env = parseEnv({});
    expect(env.ALLOWED_EMAIL_DOMAINS).toEqual(["gov", "mil"]);
    expect(env.UPLOAD_MAX_BYTES).toBe(52_428_800);
    expect(env.UPLOAD_DIR).toBe(".data/uploads");
    expect(env.devMailboxEnabled).toBe(true);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TRUSTED_PROXY_HOPS).toBe(0);
  });

  it("treats empty values as unset, as .env files write them", () => {
    expect(parseEnv({ DATABASE_URL: "", SMTP_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("parses lists and numbers", () => {
    const env = parseEnv({ ALLOWED_EMAIL_DOMAINS: " GOV, mil ,fed ", ADMIN_EMAILS: "A@GSA.gov, b@gsa.gov", UPLOAD_MAX_BYTES: "1000" });
    expect(env.ALLOWED_EMAIL_DOMAINS).toEqual(["gov", "mil", "fed"]);
    expect(env.ADMIN_EMAILS).toEqual(["a@gsa.gov", "b@gsa.gov"]);
    expect(env.UPLOAD_MAX_BYTES).toBe(1000);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
  });

  it.each([
    [{ DATABASE_URL: "mysql://localhost/db" }, "DATABASE_URL must be a postgres:// or postgresql:// URL"],
    [{ SMTP_URL: "http://mail" }, "SMTP_URL must be an smtp:// or smtps:// URL"],
    [{ UPLOAD_MAX_BYTES: "fifty" }, "UPLOAD_MAX_BYTES must be a whole number of bytes"],
    [{ UPLOAD_MAX_BYTES: "-5" }, "UPLOAD_MAX_BYTES must be greater than zero"],
    [{ ALLOWED_EMAIL_DOMAINS: "gov.evil.com" }, "ALLOWED_EMAIL_DOMAINS must be a comma-separated list"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET must be at least 32 characters"],
    [{ AUTH_URL: "not a url" }, "AUTH_URL must be an absolute URL"],
    [{ NODE_ENV: "production" }, "AUTH_SECRET is required in production"],
    [{ TRUSTED_PROXY_HOPS: "-1" }, "TRUSTED_PROXY_HOPS must be 0 (no proxy) or more"],
    [{ TRUSTED_PROXY_HOPS: "one" }, "TRUSTED_PROXY_HOPS must be a whole number of proxies"],
    [{ LOGIN_GOV_ISSUER: "https://idp.int.identitysandbox.gov" }, "LOGIN_GOV_CLIENT_ID must be set together"],
    [{ MAIL_IN_URL: "http://127.0.0.1:2525" }, "MAIL_IN_URL must be smtp://host:port or lmtp://host:port"],
    [{ MAIL_IN_URL: "smtp://127.0.0.1" }, "MAIL_IN_URL must be smtp://host:port or lmtp://host:port"],
    [{ MAIL_IN_MAX_BYTES: "100" }, "MAIL_IN_MAX_BYTES must be at least 10000"],
  ])("refuses %j with a message naming the variable", (source, message) => {
    const problems = problemsOf(source as Record<string, string>);
    expect(problems.join("\n")).toContain(message);
  });

  it("turns the dev mailbox off in production unless asked for", () => {
    const secret = "x".repeat(32);
    const site = "https://convene.example.gov";
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, AUTH_URL: site }).devMailboxEnabled).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, AUTH_URL: site, DEV_MAILBOX: "true" }).devMailboxEnabled).toBe(true);
  });

  describe("AUTH_URL, the origin every emailed link is built from", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) };

    it.each([
      [{}, "AUTH_URL is required in production"],
      [{ AUTH_URL: "http://convene.example.gov" }, "AUTH_URL must be an https:// URL in production"],
      [{ AUTH_URL: "http://10.0.0.5:3000" }, "AUTH_URL must be an https:// URL in production"],
      [{ AUTH_URL: "ftp://convene.example.gov" }, "AUTH_URL must be an absolute URL"],
    ])("refuses production with %j", (extra, message) => {
      expect(problemsOf({ ...production, ...extra }).join("\n")).toContain(message);
    });

    it.each(["https://convene.example.gov", "http://localhost:3100", "http://127.0.0.1:3100", "http://[::1]:3100"])(
      "accepts %s in production (https, or http on a loopback host)",
      (url) => {
        expect(parseEnv({ ...production, AUTH_URL: url }).siteOrigin).toBe(new URL(url).origin);
      },
    );

    it("in development without AUTH_URL uses the local origin on PORT, whatever the request says", () => {
      expect(parseEnv({}).siteOrigin).toBe("http://localhost:3000");
      expect(parseEnv({ PORT: "3005" }).siteOrigin).toBe("http://localhost:3005");
      expect(parseEnv({ AUTH_URL: "http://127.0.0.1:3005/" }).siteOrigin).toBe("http://127.0.0.1:3005");
    });
  });
});
