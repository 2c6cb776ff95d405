import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { signInEmail } from "./sign-in-email";

// The URL Auth.js hands sendVerificationRequest, as built from a request whose Host / X-Forwarded-Host was forged.
const forged = "https://evil.example/api/auth/callback/nodemailer?callbackUrl=https%3A%2F%2Fevil.example%2Fjoin&token=abc123&email=chief%40gsa.gov";

function linksIn(text: string): URL[] {
  return (text.match(/https?:\/\/\S+/g) ?? []).map((url) => new URL(url));
}

describe("the sign-in email's link", () => {
  const saved = { AUTH_URL: process.env.AUTH_URL, PORT: process.env.PORT };
  beforeEach(resetEnvForTests);
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvForTests();
  });

  it("points at AUTH_URL whatever host the request claimed, keeping the token", () => {
    process.env.AUTH_URL = "https://convene.example.gov";
    const [link, ...others] = linksIn(signInEmail({ to: "chief@gsa.gov", url: forged, expires: new Date() }).text);
    expect(others).toEqual([]);
    expect(link?.origin).toBe("https://convene.example.gov");
    expect(link?.pathname).toBe("/signin/confirm");
    expect(link?.searchParams.get("token")).toBe("abc123");
    expect(link?.searchParams.get("email")).toBe("chief@gsa.gov");
    expect(link?.searchParams.get("callbackUrl")).toBe("/join");
  });

  it("in development without AUTH_URL points at the local origin, never the request's host", () => {
    delete process.env.AUTH_URL;
    process.env.PORT = "3005";
    const { text } = signInEmail({ to: "chief@gsa.gov", url: forged, expires: new Date() });
    expect(text).not.toContain("evil.example");
    expect(linksIn(text).map((url) => url.origin)).toEqual(["http://localhost:3005"]);
  });
});
