import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { readSignInLink, requestLink, uniqueEmail } from "./auth-helpers";
import { expect, test } from "./fixtures";
import { freePort, NEXT_BIN, nextStartArgs, waitForHealth } from "./servers";

/**
 * Limits an attacker can neither dodge nor aim, against the production build. The e2e
 * server trusts one proxy hop (the tests play the proxy); the last describe starts a
 * server of its own with the default, TRUSTED_PROXY_HOPS=0, where no header is trusted.
 */
const LINKS_PER_IP = 30;

async function askFrom(page: Page, email: string, forwardedFor: string) {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": forwardedFor });
  await requestLink(page, email);
}

test.describe("sign-in links", () => {
  test("a stranger asking for a member's address again and again never keeps them out, and mails them at most 3 times", async ({ browser, page }) => {
    test.setTimeout(120_000);
    const victim = uniqueEmail("victim");
    const stranger = await (await browser.newContext()).newPage();
    for (let i = 0; i < 8; i++) {
      await askFrom(stranger, victim, `192.0.2.${10 + i}`);
      await expect(stranger.getByRole("heading", { name: "Check your email" })).toBeVisible();
    }
    await stranger.context().close();

    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "198.51.100.30" });
    await requestLink(page, victim);
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(victim)}`);
    await expect(page.getByTestId("mail-message")).toHaveCount(3);
    await page.goto(await readSignInLink(page, victim));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
  });

  test("with one trusted proxy, rotating what the client adds to X-Forwarded-For buys no fresh bucket", async ({ page }) => {
    test.setTimeout(180_000);
    const proxySaw = "198.51.100.31";
    for (let i = 0; i < LINKS_PER_IP; i++) {
      await askFrom(page, uniqueEmail(`ip-${i}`), `10.0.${i}.1, ${proxySaw}`);
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    }
    await askFrom(page, uniqueEmail("ip-one-more"), `10.9.9.9, ${proxySaw}`);
    await expect(page.locator("main .usa-alert")).toContainText("Too many sign-in links were requested from your network");
    // Another client behind the same proxy is not affected.
    await askFrom(page, uniqueEmail("ip-other"), `10.9.9.9, 198.51.100.32`);
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  });
});

test.describe("before joining", () => {
  test("someone who has not finished joining can sign out everywhere, and delete their account", async ({ page }) => {
    const email = uniqueEmail("undecided");
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "198.51.100.33" });
    const signInAgain = async () => {
      await requestLink(page, email);
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
      await page.goto(await readSignInLink(page, email));
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
    };
    await signInAgain();
    await page.getByRole("button", { name: "Sign out of all devices" }).click();
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
    await page.goto("/join");
    await expect(page).toHaveURL(/\/signin/);

    await signInAgain();
    await page.getByLabel("Your email address").fill(email);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
    await page.goto("/join");
    await expect(page).toHaveURL(/\/signin/);
  });
});

test.describe("a server with no trusted proxy (TRUSTED_PROXY_HOPS=0)", () => {
  test.describe.configure({ mode: "serial" });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convene-no-proxy-"));
  let server: ChildProcess | undefined;
  let origin = "";

  const env = (port: number): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: "",
    DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    // The site is set up for 127.0.0.1, where the first browser opens it; [::1] is a second socket address.
    AUTH_URL: `http://127.0.0.1:${port}`,
    DEV_MAILBOX: "true",
    SMTP_URL: "",
    LOGIN_GOV_ISSUER: "",
    LOGIN_GOV_CLIENT_ID: "",
    NOTIFICATIONS_INTERVAL_SECONDS: "0",
    TRUSTED_PROXY_HOPS: "0",
    NEXT_TELEMETRY_DISABLED: "1",
  });

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, nextStartArgs(port), { stdio: "ignore", env: env(port) });
    await waitForHealth(origin);
  });

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("a client forging X-Forwarded-For (or our own header) is still counted by its socket address", async ({ browser }) => {
    test.setTimeout(180_000);
    // Over IPv4 loopback, then from ::1: a different socket address, so a bucket of its own (had the
    // socket address not reached the app, both would share the "unknown" bucket and this would fail).
    const page = await (await browser.newContext({ baseURL: origin })).newPage();
    for (let i = 0; i <= LINKS_PER_IP; i++) {
      await page.setExtraHTTPHeaders({ "X-Forwarded-For": `10.1.${i}.1`, "X-Convene-Peer-Address": `10.2.${i}.1`, "X-Real-IP": `10.3.${i}.1` });
      // A fresh production database allows no demo domain (agency.gov): a domain in the .gov registry.
      await requestLink(page, uniqueEmail(`forged-${i}`, "gsa.gov"));
      if (i < LINKS_PER_IP) await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    }
    await expect(page.locator("main .usa-alert")).toContainText("Too many sign-in links were requested from your network");
    await page.context().close();
    const other = await (await browser.newContext({ baseURL: origin.replace("127.0.0.1", "[::1]") })).newPage();
    await requestLink(other, uniqueEmail("other-socket", "gsa.gov"));
    await expect(other.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await other.context().close();
  });

  test("production refuses to start without the preload that reads the socket address", () => {
    const result = spawnSync(process.execPath, [NEXT_BIN, "start", "-p", "0"], { env: env(0), encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("TRUSTED_PROXY_HOPS is 0");
  });
});
