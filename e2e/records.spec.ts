import fs from "node:fs";
import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import yauzl from "yauzl";
import { DEMO_ADMIN_EMAIL, DEMO_MEMBER_EMAILS, DEMO_ORGANIZER_EMAIL } from "../db/seed";
import { signIn, signInAs } from "./auth-helpers";
import { expect, expectAccessible, test } from "./fixtures";

/**
 * Records requests and the audit log, as an admin uses them: an event's archive and the messages
 * archive download as zips with a manifest whose checksums hold; the audit log filters, pages and
 * exports CSV; members and organizers are refused by the server. What each file holds is
 * lib/records/*.test.ts's job.
 */

function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("not a zip"));
      const files = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (openError, stream) => {
          if (openError || !stream) return reject(openError);
          const parts: Buffer[] = [];
          stream.on("data", (part: Buffer) => parts.push(part));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        }),
      );
      zip.on("end", () => resolve(files));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

async function downloadFrom(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(path) };
}

async function expectManifestHolds(bytes: Buffer) {
  // A zip starts with a local file header.
  expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const files = await unzip(bytes);
  const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as {
    createdBy: { email: string };
    files: { name: string; sha256: string; bytes: number }[];
  };
  expect(manifest.createdBy.email).toBe(DEMO_ADMIN_EMAIL);
  expect(manifest.files.length).toBeGreaterThan(0);
  for (const file of manifest.files) {
    expect(createHash("sha256").update(files.get(file.name)!).digest("hex"), file.name).toBe(file.sha256);
    expect(files.get(file.name)!.length).toBe(file.bytes);
  }
  return { files, manifest };
}

async function expectNoSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `${page.url()} scrolls sideways at ${width}px`).toBeLessThanOrEqual(width);
}

test.describe("records requests", () => {
  test("an admin downloads an event's records and a period's organizer messages, each a zip with a manifest", async ({ page }) => {
    await signInAs(page, DEMO_ADMIN_EMAIL);
    await page.goto("/admin/members");
    await page.getByRole("link", { name: "Answer a records request" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Records requests" })).toBeVisible();
    await expectAccessible(page);

    const firstEvent = page.locator("main table").getByRole("link").first();
    const title = (await firstEvent.textContent())!.trim();
    await firstEvent.click();
    await expect(page.getByRole("heading", { level: 1, name: `Records of ${title}` })).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Include accommodation requests" })).not.toBeChecked();
    await expectAccessible(page);

    const eventArchive = await downloadFrom(page, () => page.getByRole("button", { name: "Download archive" }).click());
    expect(eventArchive.name).toMatch(/^records-[a-z0-9-]+-\d{8}-\d{6}\.zip$/);
    const { files } = await expectManifestHolds(eventArchive.bytes);
    for (const name of ["event.json", "event-versions.json", "audit-trail.csv", "rsvps.csv", "messages.csv", "message-recipients.csv", "resources.csv"]) {
      expect(files.has(name), name).toBe(true);
    }
    expect(files.has("accommodations.csv")).toBe(false);

    await page.goto("/admin/records");
    const messages = await downloadFrom(page, () => page.getByRole("button", { name: "Download messages archive" }).click());
    expect(messages.name).toMatch(/^organizer-messages-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-/);
    const messageFiles = (await expectManifestHolds(messages.bytes)).files;
    expect([...messageFiles.keys()].sort()).toEqual(["manifest.json", "message-recipients.csv", "messages.csv"]);
  });

  test("an admin filters the audit log, pages it and exports the same entries as CSV", async ({ page }) => {
    await signInAs(page, DEMO_ADMIN_EMAIL);
    // An export of its own, so the log has a records.exported entry to find.
    const response = await page.request.get("/admin/records/messages/archive?from=2020-01-01&to=2020-01-31");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");

    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Action", { exact: true }).selectOption("records.exported");
    await page.getByLabel("Person", { exact: true }).fill(DEMO_ADMIN_EMAIL);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=records.exported/);
    const rows = page.locator("main table tbody tr");
    await expect(rows.first()).toContainText("records.exported");
    for (const row of await rows.all()) await expect(row).toContainText(DEMO_ADMIN_EMAIL);
    await expectAccessible(page);

    const csv = await downloadFrom(page, () => page.getByRole("link", { name: "Download these entries as CSV" }).click());
    expect(csv.name).toMatch(/^audit-log-\d{8}-\d{6}\.csv$/);
    const text = csv.bytes.toString("utf8");
    expect(text.split("\r\n")[0]).toContain('"Audit ID","Time (UTC)","Actor member ID","Actor email","Action"');
    expect(text).toContain('"records.exported"');
    expect(text).not.toContain('"member.signed_in"');

    // Dates the wrong way round: the form says which field, and shows no entries.
    await page.getByLabel("From", { exact: true }).fill("2030-02-01");
    await page.getByLabel("To", { exact: true }).fill("2030-01-01");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByText("The end date must be on or after the start date.").first()).toBeVisible();
    await expect(page.locator("main table")).toHaveCount(0);
    await expectAccessible(page);
  });

  test("the records and audit pages fit a phone", async ({ page }) => {
    // Signed in first at the desktop width: on a phone the header folds "My account" into its menu.
    await signInAs(page, DEMO_ADMIN_EMAIL);
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ["/admin/records", "/admin/audit"]) {
      await page.goto(path);
      await expectNoSidewaysScroll(page);
    }
    await page.goto("/admin/records");
    await page.locator("main table").getByRole("link").first().click();
    await expect(page.getByRole("button", { name: "Download archive" })).toBeVisible();
    await expectNoSidewaysScroll(page);
  });

  test("an organizer is refused the records pages and downloads by the server", async ({ page }) => {
    await signInAs(page, DEMO_ORGANIZER_EMAIL);
    await expectRefused(page);
  });

  test("a member is refused the records pages and downloads by the server", async ({ page }) => {
    await signIn(page, DEMO_MEMBER_EMAILS[3]!);
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    await expectRefused(page);
  });
});

async function expectRefused(page: Page) {
  for (const path of ["/admin/records", "/admin/audit", "/admin/records/events/00000000-0000-4000-8000-000000000000"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  }
  const eventId = "00000000-0000-4000-8000-000000000000";
  for (const path of [`/admin/records/events/${eventId}/archive?accommodations=on`, "/admin/records/messages/archive", "/admin/audit/csv"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
    expect(await response.json()).toEqual({ error: "You don't have permission to do that." });
  }
}
