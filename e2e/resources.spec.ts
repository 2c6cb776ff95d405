import fs from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO_ORGANIZER_EMAIL } from "../db/seed";
import { signInAs, signUp, uniqueEmail } from "./auth-helpers";
import { pdfBytes } from "./files";
import { expect, expectAccessible, test } from "./fixtures";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000049454e44ae426082", "hex");

test.describe("shared resources", () => {
  test.describe.configure({ mode: "serial" });

  // One sign-in for the whole file: sign-in links are rate limited per address.
  let organizer: Page;
  test.beforeAll(async ({ browser }) => {
    organizer = await (await browser.newContext()).newPage();
    await signInAs(organizer, DEMO_ORGANIZER_EMAIL);
    await expect(organizer.getByRole("button", { name: "Manage" })).toBeVisible();
  });
  test.afterAll(async () => {
    await organizer?.context().close();
  });

  test("an organizer uploads a PDF for an event; members find and download it; visitors are asked to sign in; removal ends access", async ({ browser }) => {
    // Three people, a dozen pages and an accessibility scan on each: longer than one journey's minute.
    test.slow();
    const word = `Lantern${Date.now().toString(36)}`;
    const title = `Caption style guide ${word}`;
    const pdf = pdfBytes(word);

    await organizer.goto("/manage/resources");
    await expect(organizer.getByRole("heading", { level: 1, name: "Manage resources" })).toBeVisible();
    await expectAccessible(organizer);
    await organizer.getByRole("link", { name: "Upload a file" }).click();
    await expect(organizer.getByRole("heading", { level: 1, name: "Upload a file" })).toBeVisible();
    await expectAccessible(organizer);

    // A picture renamed to .pdf is refused with the reason beside the file field.
    await organizer.getByLabel("File").setInputFiles({ name: "slides.pdf", mimeType: "application/pdf", buffer: PNG });
    await organizer.getByLabel("Title").fill(title);
    await organizer.getByLabel("Type").selectOption("guide");
    await organizer.getByRole("button", { name: "Upload file" }).click();
    await expect(organizer.locator("#file-error")).toContainText("but it is a PNG image");
    await expectAccessible(organizer);

    await organizer.getByLabel("File").setInputFiles({ name: "caption-style-guide.pdf", mimeType: "application/pdf", buffer: pdf });
    await organizer.getByRole("textbox", { name: "Description (optional)" }).fill("How to caption short videos: line length, speaker labels and sound cues.");
    await organizer.getByRole("textbox", { name: "Topics (optional)" }).fill("Accessibility, Video Captions");
    const eventSelect = organizer.getByRole("combobox", { name: "Event (optional)" });
    const eventTitle = (await eventSelect.locator("option").nth(1).innerText()).replace(/ \(.*\)$/, "");
    await eventSelect.selectOption({ index: 1 });
    await organizer.getByRole("button", { name: "Upload file" }).click();
    await expect(organizer).toHaveURL(/\/manage\/resources\?done=added$/);
    await expect(organizer.getByText("The resource was added.")).toBeVisible();
    await expect(organizer.getByRole("link", { name: title, exact: true })).toBeVisible();

    // A member finds it by a word from its title and downloads exactly what was uploaded.
    const member = await (await browser.newContext()).newPage();
    await signUp(member, uniqueEmail("library"));
    await expect(member.getByRole("link", { name: "My account" })).toBeVisible();
    await member.goto("/resources");
    await member.getByRole("searchbox", { name: "Search resources" }).fill(word);
    await member.getByRole("button", { name: "Search", exact: true }).click();
    await expect(member.locator("main").getByRole("status")).toHaveText("1 resource match");
    await expect(member.getByRole("heading", { level: 2, name: title })).toBeVisible();
    await expect(member.getByRole("link", { name: eventTitle })).toBeVisible();
    await expectAccessible(member);

    const link = member.getByRole("link", { name: title });
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/resources\/[0-9a-f-]{36}\/download$/);
    const downloading = member.waitForEvent("download");
    await link.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("caption-style-guide.pdf");
    expect(Buffer.compare(await fs.readFile(await download.path()), pdf)).toBe(0);

    const response = await member.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()).toMatchObject({
      "content-type": "application/pdf",
      "content-disposition": "attachment; filename=caption-style-guide.pdf",
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "accept-ranges": "bytes",
    });
    const partial = await member.request.get(href!, { headers: { Range: "bytes=0-7" } });
    expect(partial.status()).toBe(206);
    expect(partial.headers()["content-range"]).toBe(`bytes 0-7/${pdf.length}`);
    expect((await partial.body()).toString("latin1")).toBe("%PDF-1.4");

    // The event page lists it too.
    await member.getByRole("link", { name: eventTitle }).click();
    await expect(member.getByRole("link", { name: title })).toHaveAttribute("href", href!);

    // A visitor sees that it exists, but is asked to sign in, and the download URL does not answer.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`/resources?q=${word}`);
    await expect(visitor.getByRole("heading", { level: 2, name: "Resources are for community members" })).toBeVisible();
    await expect(visitor.getByRole("heading", { level: 2, name: title })).toBeVisible();
    await expect(visitor.getByRole("link", { name: title })).toHaveCount(0);
    await expect(visitor.locator("main").getByRole("link", { name: "sign in", exact: true })).toHaveAttribute("href", "/signin?callbackUrl=%2Fresources");
    await expectAccessible(visitor);
    const refused = await visitor.request.get(href!, { maxRedirects: 0 });
    expect([401, 302]).toContain(refused.status());
    if (refused.status() === 302) expect(refused.headers().location).toContain("/signin");
    await visitor.goto(href!);
    await expect(visitor).toHaveURL(/\/signin\?callbackUrl=%2Fresources$/);

    // The organizer removes it; the member's link stops working.
    await organizer.goto(`/manage/resources?q=${word}`);
    await organizer.getByRole("link", { name: `Remove ${title}` }).click();
    await expect(organizer.getByRole("heading", { level: 1, name: `Remove “${title}”?` })).toBeVisible();
    await expectAccessible(organizer);
    await organizer.getByRole("button", { name: "Remove resource" }).click();
    await expect(organizer.getByText("The resource was removed, along with its file.")).toBeVisible();
    await expect(organizer.getByRole("link", { name: title, exact: true })).toHaveCount(0);

    expect((await member.request.get(href!)).status()).toBe(404);
    await member.goto(`/resources?q=${word}`);
    await expect(member.locator("main").getByRole("status")).toHaveText("No resources match this search.");
  });

  test("an organizer adds a link; unsafe links are refused beside the field", async () => {
    const word = `Beacon${Date.now().toString(36)}`;
    const page = organizer;
    await page.goto("/manage/resources/new?kind=link");
    await expect(page.getByRole("heading", { level: 1, name: "Add a link" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Link", { exact: true }).fill("javascript:alert(document.cookie)");
    await page.getByLabel("Title").fill(`Plain language checklist ${word}`);
    await page.getByLabel("Type").selectOption("guide");
    await page.getByRole("button", { name: "Add link" }).click();
    await expect(page.locator("#url-error")).toHaveText("Links can’t run scripts. Enter a web address that starts with https://.");
    await expect(page.getByLabel("Title")).toHaveValue(`Plain language checklist ${word}`);
    await expectAccessible(page);

    await page.getByLabel("Link", { exact: true }).fill("http://www.plainlanguage.gov/");
    await page.getByRole("button", { name: "Add link" }).click();
    await expect(page.locator("#url-error")).toHaveText("Use a secure link that starts with https://, not http://.");

    await page.getByLabel("Link", { exact: true }).fill("https://www.plainlanguage.gov/guidelines/");
    await page.getByRole("button", { name: "Add link" }).click();
    await expect(page.getByText("The resource was added.")).toBeVisible();

    await page.getByRole("link", { name: `Plain language checklist ${word}`, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Edit resource" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Title").fill(`Plain language checklist, revised ${word}`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Your changes were saved.")).toBeVisible();

    await page.getByRole("link", { name: `Remove Plain language checklist, revised ${word}` }).click();
    await page.getByRole("button", { name: "Remove resource" }).click();
    await expect(page.getByText("The resource was removed")).toBeVisible();
  });
});
