import { expect, test } from "./fixtures";
import { readSignInLink, requestLink, signInAs, signUp, uniqueEmail } from "./auth-helpers";

/**
 * Hostile requests over real HTTP, for what only the running server can show:
 * headers, cookies, Next's own checks on server actions, and error pages. The
 * input-by-input cases live in lib/security/hostile-input.test.ts.
 */
test.describe("hostile requests", () => {
  // Rendered per request even for a visitor; the cached visitor pages (no nonce) are checked in visitor-cache.spec.ts.
  test("pages carry a nonce-based CSP and the other security headers", async ({ request }) => {
    const first = await request.get("/about");
    const second = await request.get("/about");
    const headers = first.headers();
    const csp = headers["content-security-policy"] ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["strict-transport-security"]).toContain("max-age=");
    expect(headers["x-powered-by"]).toBeUndefined();

    // Every script tag carries this response's nonce, and the next response gets another.
    const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1]!;
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(second.headers()["content-security-policy"]).not.toContain(nonce);
  });

  test("the session cookie is HttpOnly and SameSite", async ({ page, context }) => {
    await signUp(page, uniqueEmail("cookie"));
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    const session = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
    expect(session).toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe("Lax");
    expect(session!.path).toBe("/");
  });

  test("a used sign-in link cannot be replayed from another browser", async ({ page, browser, baseURL }) => {
    const email = uniqueEmail("replay");
    await requestLink(page, email);
    // Leaving before the answer can cancel the request, and then no link is ever sent.
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const link = await readSignInLink(page, email);
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();

    const attacker = await browser.newContext({ baseURL });
    const other = await attacker.newPage();
    await other.goto(link);
    // The confirm page checks the token first: a spent one gets the explanation, not the button.
    await expect(other.getByRole("button", { name: "Sign in" })).toHaveCount(0);
    await expect(other.getByRole("heading", { name: "We couldn’t sign you in" })).toBeVisible();
    expect((await attacker.cookies()).some((c) => c.name.endsWith("authjs.session-token"))).toBe(false);
    await attacker.close();
  });

  /** The exact request the sign-in form makes, captured so it can be replayed as another site (or a bigger body) would. */
  async function captureSignInPost(page: import("@playwright/test").Page, email: string) {
    await page.goto("/signin");
    await page.getByLabel("Government email address").fill(email);
    const [posted] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/signin")),
      page.getByRole("button", { name: "Email me a sign-in link" }).click(),
    ]);
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const headers = { ...(await posted.allHeaders()) };
    delete headers["cookie"];
    delete headers["content-length"];
    return { headers, body: posted.postDataBuffer()! };
  }

  async function mailCount(page: import("@playwright/test").Page, email: string) {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    return page.getByTestId("mail-message").count();
  }

  test("a server action posted from another site is refused and sends nothing", async ({ page, request }) => {
    const email = uniqueEmail("csrf");
    const { headers, body } = await captureSignInPost(page, email);
    expect(await mailCount(page, email)).toBe(1);

    const forged = await request.post("/signin", { headers: { ...headers, origin: "https://evil.example", "sec-fetch-site": "cross-site" }, data: body });
    expect(forged.status()).toBeGreaterThanOrEqual(400);
    expect(await mailCount(page, email)).toBe(1);

    // Control: the same bytes from this site's origin are accepted, so the Origin alone made the difference.
    const replayed = await request.post("/signin", { headers, data: body });
    expect(replayed.status()).toBe(200);
    expect(await mailCount(page, email)).toBe(2);
  });

  test("an oversized server action body is refused before it is read", async ({ page, request }) => {
    const email = uniqueEmail("huge");
    const { headers, body } = await captureSignInPost(page, email);
    const boundary = headers["content-type"]!.match(/boundary=(.+)$/)![1]!;
    // A 3 MB part inserted before the closing boundary; Next's default limit for actions is 1 MB.
    const closing = Buffer.from(`--${boundary}--`);
    const at = body.lastIndexOf(closing);
    const padding = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="1_padding"\r\n\r\n${"x".repeat(3 * 1024 * 1024)}\r\n`);
    const oversized = Buffer.concat([body.subarray(0, at), padding, body.subarray(at)]);
    const response = await request.post("/signin", { headers, data: oversized });
    expect(response.status()).toBe(413);
    expect(await mailCount(page, email)).toBe(1);
  });

  test("someone signed in who is sent to /signin with another site's callbackUrl stays here", async ({ page }) => {
    await signInAs(page, "organizer@gsa.gov");
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    for (const target of ["https://evil.example/", "//evil.example", "/\\evil.example"]) {
      const response = await page.request.get(`/signin?callbackUrl=${encodeURIComponent(target)}`, { maxRedirects: 0 });
      expect(response.status()).toBe(307);
      expect(new URL(response.headers()["location"]!, page.url()).origin).toBe(new URL(page.url()).origin);
    }
  });

  test("malformed URLs and parameters answer without a server error or internals", async ({ page }) => {
    await signInAs(page, "organizer@gsa.gov");
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    const probes = [
      "/events?page=-1",
      "/events?page=99999999999999999999999",
      "/events?page=abc&kind=%00&format=<script>",
      `/events?q=${"x".repeat(5000)}`,
      "/events?q=%27%20OR%201%3D1--",
      "/events/..%2f..%2fetc%2fpasswd",
      "/events/%E0%A4%A",
      "/manage/events/%E0%A4%A/edit",
      "/manage/events/'%20OR%201=1--",
      "/manage/events/00000000-0000-0000-0000-000000000000/edit",
      "/manage/resources/not-a-uuid/edit",
      "/resources?page=-3&type=../../x",
      "/resources/%00/download",
      "/calendar/feed/..%2f..%2fetc%2fpasswd.ics",
      `/calendar/feed/${"A".repeat(4000)}.ics`,
      "/admin/members?page=1e309",
    ];
    for (const probe of probes) {
      const response = await page.request.get(probe, { maxRedirects: 0 });
      expect(response.status(), probe).toBeLessThan(500);
      const body = await response.text();
      expect(body, probe).not.toMatch(
        /\s+at .+\(.+:\d+:\d+\)|node_modules\/|\/work\/|syntax error at or near|relation "\w+"|invalid input syntax|ECONNREFUSED/i,
      );
    }
  });

  test("/_next/image does not fetch or resize anything", async ({ request }) => {
    const response = await request.get("/_next/image?url=%2Ffavicon.ico&w=64&q=75");
    expect(response.status()).toBeGreaterThanOrEqual(400);
    const remote = await request.get("/_next/image?url=https%3A%2F%2Fevil.example%2Fx.png&w=64&q=75");
    expect(remote.status()).toBeGreaterThanOrEqual(400);
  });

  test("markup in a resource title is shown as text, never run", async ({ page }) => {
    await signInAs(page, "organizer@gsa.gov");
    const title = `<img src=x onerror="window.__pwned=1">Guide ${Date.now()}`;
    await page.goto("/manage/resources/new?kind=link");
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByLabel("Link", { exact: true }).fill("https://digital.gov/guides/");
    await page.getByLabel("Type", { exact: true }).selectOption({ index: 1 });
    await page.getByRole("button", { name: "Add link" }).click();
    await expect(page).toHaveURL(/\/manage\/resources/);
    await page.goto(`/resources?q=${encodeURIComponent("Guide")}`);
    await expect(page.getByText(title)).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main img[src='x']").count()).toBe(0);
  });
});
