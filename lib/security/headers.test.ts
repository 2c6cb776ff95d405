import { describe, expect, it } from "vitest";
import { baseSecurityHeaders, contentSecurityPolicy, newNonce, setsOwnHeaders, withSecurityHeaders } from "./headers";

const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

describe("contentSecurityPolicy", () => {
  it("allows scripts only by this response's nonce in production", () => {
    const policy = contentSecurityPolicy({ nonce: "abc123", development: false });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) expect(policy).toContain(d);
  });

  it("lets the development server evaluate code and open its hot-reload socket, and nothing more", () => {
    const policy = contentSecurityPolicy({ nonce: "n", development: true });
    expect(directive(policy, "script-src")).toContain("'unsafe-eval'");
    expect(directive(policy, "script-src")).not.toContain("unsafe-inline");
    expect(directive(policy, "connect-src")).toBe("connect-src 'self' ws:");
  });

  it("lets sign-in forms post on to Login.gov when it is configured", () => {
    const policy = contentSecurityPolicy({ nonce: "n", development: false, formActionOrigins: ["https://idp.int.identitysandbox.gov"] });
    expect(directive(policy, "form-action")).toBe("form-action 'self' https://idp.int.identitysandbox.gov");
  });
});

describe("baseSecurityHeaders", () => {
  it("sends HSTS only from production servers", () => {
    const names = (production: boolean) => baseSecurityHeaders({ production }).map((h) => h.key);
    expect(names(true)).toContain("Strict-Transport-Security");
    expect(names(false)).not.toContain("Strict-Transport-Security");
    expect(names(false)).toEqual(expect.arrayContaining(["X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "X-Frame-Options"]));
  });
});

describe("newNonce", () => {
  it("is 128 random bits, different every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("routes that set their own headers", () => {
  it("are exactly the download, personal feed and upload handlers", () => {
    for (const path of ["/resources/0f3c/download", "/calendar/feed/abc.ics", "/manage/resources/upload"]) expect(setsOwnHeaders(path)).toBe(true);
    for (const path of ["/", "/resources", "/resources/0f3c", "/calendar/community.ics", "/manage/resources/new", "/about"]) expect(setsOwnHeaders(path)).toBe(false);
  });

  it("keep a handler's own value and add the base headers it lacks", () => {
    const response = withSecurityHeaders(new Response(null, { headers: { "Referrer-Policy": "no-referrer" } }), { "Content-Security-Policy": "default-src 'none'" });
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });
});
