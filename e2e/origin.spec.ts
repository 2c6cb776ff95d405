import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { readSignInLink, uniqueEmail } from "./auth-helpers";
import { expect, test } from "./fixtures";
import { freePort, NEXT_BIN, nextStartArgs, waitForHealth } from "./servers";
import { readDelivered } from "./smtp-sink";

const mailDir = process.env.E2E_MAIL_DIR;

/** The e2e server's AUTH_URL is http://localhost:<port>; the same server answers on 127.0.0.1 too. */
function otherOrigin(baseURL: string): string {
  const url = new URL(baseURL);
  url.hostname = "127.0.0.1";
  return url.origin;
}

test.describe("one origin for links, redirects and the CSP", () => {
  test.skip(Boolean(process.env.E2E_BASE_URL), "needs the server that scripts/e2e-server.ts starts");

  test("a sign-in form posted with a forged Host or X-Forwarded-Host mails links to AUTH_URL only", async ({ page, baseURL }) => {
    test.skip(!mailDir, "needs the SMTP server that scripts/e2e-server.ts starts");
    const email = uniqueEmail("forged-host");
    await page.goto("/signin");
    await page.getByLabel("Government email address").fill(email);
    // The browser's own post is the template; an attacker's script sends it with forged headers instead.
    let captured: { url: string; headers: Record<string, string>; body: Buffer | null } | undefined;
    await page.route("**/signin**", async (route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.continue();
      captured = { url: request.url(), headers: await request.allHeaders(), body: request.postDataBuffer() };
      await route.abort();
    });
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect.poll(() => Boolean(captured)).toBe(true);
    const template = Object.fromEntries(
      Object.entries(captured!.headers).filter(([name]) => !name.startsWith(":") && !["host", "origin", "content-length", "referer"].includes(name)),
    );
    const forgeries: Record<string, string>[] = [
      { host: "evil.example", origin: "http://evil.example" },
      { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", origin: "https://evil.example" },
    ];
    for (const forged of forgeries) {
      // Next accepts a server action whose Origin matches the (forged) host, as an attacker's client would send it.
      const response = await page.request.post(captured!.url, { headers: { ...template, ...forged }, data: captured!.body ?? undefined, maxRedirects: 0 });
      expect(response.status(), await response.text()).toBeLessThan(400);
    }

    let raws: string[] = [];
    await expect.poll(() => (raws = readDelivered(mailDir!, email)).length, { timeout: 20_000 }).toBe(forgeries.length);
    const configured = new URL(baseURL!).origin;
    for (const raw of raws) {
      const message = await simpleParser(raw);
      const text = `${message.text ?? ""}\n${message.html || ""}`;
      expect(text).not.toContain("evil.example");
      const urls = text.match(/https?:\/\/[^\s"'<>]+/g) ?? [];
      expect(urls.some((url) => url.includes("/signin/confirm?"))).toBe(true);
      for (const url of urls) expect(new URL(url).origin).toBe(configured);
    }
  });

  test("production refuses to start without AUTH_URL, naming it", async () => {
    test.setTimeout(90_000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convene-no-auth-url-"));
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
    delete env.AUTH_URL;
    delete env.NEXTAUTH_URL;
    const server = spawn(process.execPath, [NEXT_BIN, "start", "-p", "0"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    server.stdout.on("data", (chunk) => (output += chunk));
    server.stderr.on("data", (chunk) => (output += chunk));
    try {
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 60_000);
        server.once("exit", (exitCode) => {
          clearTimeout(timer);
          resolve(exitCode);
        });
      });
      expect(code, `the server kept running:\n${output}`).toBe(1);
      expect(output).toContain("AUTH_URL is required in production");
    } finally {
      if (server.exitCode === null) server.kill("SIGTERM");
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test("opened at 127.0.0.1 while set up for localhost, sign-in says so and still finishes on the configured origin", async ({ page, baseURL }) => {
    const other = otherOrigin(baseURL!);
    const configured = new URL(baseURL!).origin;
    const email = uniqueEmail("loopback");

    await page.goto(`${other}/signin`);
    const notice = page.getByTestId("origin-notice");
    await expect(notice).toContainText(`Open this page at ${configured}`);
    await expect(notice.getByRole("link")).toHaveAttribute("href", new RegExp(`^${configured}/signin`));

    await page.getByLabel("Government email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const link = await readSignInLink(page, email);
    expect(new URL(link).origin).toBe(configured);

    // The confirmation page opened at the other address: told, and its button still signs in (no silent CSP block).
    await page.goto(link.replace(configured, other));
    await expect(page.getByTestId("origin-notice")).toBeVisible();
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(configured);
  });

  test("with AUTH_URL=http://127.0.0.1:<port> sign-in works end to end on 127.0.0.1 (links, redirects and CSP agree)", async ({ page }) => {
    test.setTimeout(150_000);
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convene-loopback-ip-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      AUTH_SECRET: "y".repeat(40),
      AUTH_URL: origin,
      DATA_DIR: dataDir,
      DEV_MAILBOX: "true",
      SMTP_URL: "",
      DATABASE_URL: "",
      LOGIN_GOV_ISSUER: "",
      LOGIN_GOV_CLIENT_ID: "",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    // Started as `npm start` starts it: without the preload production refuses to start while TRUSTED_PROXY_HOPS is 0.
    const server: ChildProcess = spawn(process.execPath, nextStartArgs(port), { env, stdio: "ignore" });
    try {
      await waitForHealth(origin);
      // A fresh production database allows no demo domain: a domain in the .gov registry.
      const email = uniqueEmail("loopback-ip", "gsa.gov");
      await page.goto(`${origin}/signin`);
      await expect(page.getByTestId("origin-notice")).toHaveCount(0);
      await page.getByLabel("Government email address").fill(email);
      await page.getByRole("button", { name: "Email me a sign-in link" }).click();
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
      await page.goto(`${origin}/dev/mailbox?to=${encodeURIComponent(email)}`);
      const link = await page
        .getByTestId("mail-message")
        .first()
        .getByRole("link", { name: /\/signin\/confirm/ })
        .getAttribute("href");
      expect(new URL(link!).origin).toBe(origin);
      await page.goto(link!);
      // Before, the callback redirected to localhost and the CSP's form-action blocked it: nothing happened.
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(origin);
    } finally {
      server.kill("SIGTERM");
      await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test("opened at the configured origin, no notice", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in or join" })).toBeVisible();
    await expect(page.getByTestId("origin-notice")).toHaveCount(0);
  });
});
