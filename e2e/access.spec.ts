import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { ACCESS_INVENTORY, type Access, type AccessEntry } from "../lib/security/access-inventory";
import { requestLink, readSignInLink, signInAs, signUp, uniqueEmail } from "./auth-helpers";

/**
 * Walks lib/security/access-inventory.ts against the running server: every GET
 * entry, as each kind of person, judged by the server's answer (status, redirect,
 * or the absence of the page's data), never by what the UI hides.
 */
type Role = "visitor" | "not-joined" | "member" | "organizer" | "admin" | "disabled";
const ROLES: Role[] = ["visitor", "not-joined", "member", "organizer", "admin", "disabled"];

const RANK: Record<Exclude<Access, "token" | "dev-mailbox">, number> = { public: 0, "signed-in": 1, member: 2, organizer: 3, admin: 4 };
const ROLE_RANK: Record<Role, number> = { visitor: 0, disabled: 0, "not-joined": 1, member: 2, organizer: 3, admin: 4 };

/** Text that only a successful render of the page contains; the walk first proves it is there for someone allowed. */
/** A heading's exact text, as HTML (`>Edit event<`) or as RSC payload (`"Edit event"`), and not the longer <title>. */
const heading = (text: string) => new RegExp(`[">]${text}["<]`);

const MARKERS: Record<string, string | RegExp> = {
  "/account": "Update how you appear to other members",
  "/account/events": "upcoming-heading",
  "/members": "Find colleagues across government",
  "/manage/events": "All events",
  "/manage/events/new": "Only organizers see it until you publish it",
  "/manage/events/[id]": "organizer-heading",
  "/manage/events/[id]/edit": heading("Edit event"),
  "/manage/events/[id]/attendees": "on the waitlist",
  "/manage/events/[id]/attendees/message": heading("Message attendees"),
  "/manage/events/[id]/reach": "summary-heading",
  "/manage/reach": "summary-heading",
  "/manage/resources": "manage-q",
  "/manage/resources/new": "Members find resources in the library",
  "/manage/resources/[id]/edit": heading("Edit resource"),
  "/manage/resources/[id]/remove": "This can’t be undone",
  "/admin/members": "member-search",
  "/admin/domains": "Allow a domain",
  "/join": "Tell us a little about yourself",
};

const SENDS_SIGNED_IN_ON = new Set(["/signin", "/join"]);

test.describe.configure({ mode: "serial" });

const clients = new Map<Role, APIRequestContext>();
const samples: Record<string, string> = {};

async function sessionFor(browser: Browser, baseURL: string, role: Role, ip: string) {
  // A distinct client address per role keeps these sign-ins out of the other journeys' rate-limit bucket.
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": ip } });
  const page = await context.newPage();
  if (role === "member" || role === "disabled") await signUp(page, uniqueEmail(`access-${role}`));
  if (role === "not-joined") {
    const email = uniqueEmail("access-not-joined");
    await requestLink(page, email);
    // Leaving before the answer can cancel the request, and then no link is ever sent.
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await page.goto(await readSignInLink(page, email));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
  }
  if (role === "organizer") await signInAs(page, "organizer@gsa.gov");
  if (role === "admin") await signInAs(page, "admin@gsa.gov");
  if (role !== "visitor") await expect(page.getByRole("button", { name: /sign out/i }).first()).toBeAttached();
  const state = await context.storageState();
  await context.close();
  return { state };
}

test.beforeAll(async ({ browser, playwright, baseURL }) => {
  test.setTimeout(240_000);
  let n = 10;
  for (const role of ROLES) {
    const { state } = role === "visitor" ? { state: undefined } : await sessionFor(browser, baseURL!, role, `203.0.113.${n++}`);
    clients.set(role, await playwright.request.newContext({ baseURL, storageState: state, maxRedirects: 0 }));
  }

  // The disabled member signed in before an admin disabled them; their old cookie must be worthless.
  const admin = browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.99" } });
  const adminPage = await (await admin).newPage();
  await signInAs(adminPage, "admin@gsa.gov");
  const disabledAccount = await clients.get("disabled")!.get("/account", { headers: { Accept: "text/html" } });
  const disabledEmail = (await disabledAccount.text()).match(/access-disabled-[a-z0-9]+@agency\.gov/)?.[0];
  expect(disabledEmail, "the member to disable can read their account first").toBeTruthy();
  await adminPage.goto(`/admin/members?q=${encodeURIComponent(disabledEmail!)}`);
  await adminPage.getByRole("button", { name: /^Disable/ }).click();
  await expect(adminPage.getByRole("cell", { name: "Disabled", exact: true })).toBeVisible();
  await (await admin).close();

  // Real ids for the dynamic segments, read the way an organizer's browser finds them.
  const organizer = clients.get("organizer")!;
  const manageEvents = await (await organizer.get("/manage/events")).text();
  samples["[id]@events"] = manageEvents.match(/\/manage\/events\/([0-9a-f-]{36})/)![1]!;
  const manageResources = await (await organizer.get("/manage/resources")).text();
  samples["[id]@resources"] = manageResources.match(/\/manage\/resources\/([0-9a-f-]{36})\/edit/)![1]!;
  const eventList = await (await organizer.get("/events")).text();
  samples["[slug]"] = eventList.match(/href="\/events\/([a-z0-9-]+)"/)![1]!;
  // series: a series of the walk's own, made through the create form.
  samples["[id]@series"] = await createSeries(browser, baseURL!);
  // surveys: the sample event gets the default survey, so its survey pages and CSV have something to show.
  await attachDefaultSurvey(browser, baseURL!, samples["[id]@events"]);
});

async function attachDefaultSurvey(browser: Browser, baseURL: string, eventId: string) {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.98" } });
  const page = await context.newPage();
  await signInAs(page, "organizer@gsa.gov");
  await page.goto(`/manage/events/${eventId}/survey`);
  await page.getByRole("button", { name: "Attach the default survey" }).click();
  await expect(page.getByText("The default survey is attached.")).toBeVisible();
  await context.close();
}

async function createSeries(browser: Browser, baseURL: string): Promise<string> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.98" } });
  const page = await context.newPage();
  await signInAs(page, "organizer@gsa.gov");
  await page.goto("/manage/events/new");
  const form = page.locator("main form");
  await form.getByLabel("Title", { exact: true }).fill("Access walk series");
  await form.getByLabel("Join link").fill("https://gsa.zoomgov.com/j/1612345678");
  await form.locator("summary", { hasText: "Repeats" }).click();
  await form.getByLabel("Repeats", { exact: true }).selectOption("weekly");
  await form.getByLabel("Number of times").fill("2");
  await page.getByRole("button", { name: "Save and publish" }).click();
  await page.waitForURL(/\/series\/[0-9a-f-]{36}/);
  const id = new URL(page.url()).pathname.split("/")[2]!;
  await context.close();
  return id;
}

test.afterAll(async () => {
  for (const client of clients.values()) await client.dispose();
});

function urlOf(entry: AccessEntry): string {
  return entry.id
    .replace("/manage/resources/[id]", `/manage/resources/${samples["[id]@resources"]}`)
    .replace("/resources/[id]", `/resources/${samples["[id]@resources"]}`)
    .replace("/series/[id]", `/series/${samples["[id]@series"]}`)
    .replace("[id]", samples["[id]@events"]!)
    .replace("[slug]", samples["[slug]"]!)
    .replace("/calendar/feed/[token]", "/calendar/feed/not-a-real-token.ics")
    .replace("/unsubscribe/[token]", "/unsubscribe/not-a-real-token")
    .replace("[...nextauth]", "session")
    .replace("/[...missing]", "/no-such-page")
    .replace("/visitor/[...path]", "/visitor/events")
    .replace("/signed-in/[...path]", "/signed-in/events");
}

type Expectation = "allowed" | "sign-in" | "join" | "forbidden" | "not-found";

// Addresses that answer 404 to everyone: unknown pages, and the cached trees, whose pages have public addresses of their own.
const NOT_FOUND_FOR_ALL = new Set(["/[...missing]", "/visitor/[...path]", "/signed-in/[...path]"]);

function expectationFor(entry: AccessEntry, role: Role): Expectation {
  if (NOT_FOUND_FOR_ALL.has(entry.id)) return "not-found";
  if (entry.access === "token") return "not-found"; // the walk only knows a made-up token
  if (entry.access === "dev-mailbox") return "allowed"; // the e2e server turns the dev mailbox on
  if (ROLE_RANK[role] >= RANK[entry.access]) return "allowed";
  if (ROLE_RANK[role] === 0) return "sign-in";
  if (role === "not-joined") return "join";
  return "forbidden";
}

const getEntries = ACCESS_INVENTORY.filter((e) => e.kind === "page" || e.methods?.includes("GET"));

for (const role of ROLES) {
  test(`every GET entry point answers ${role} as the inventory says`, async () => {
    const client = clients.get(role)!;
    const problems: string[] = [];
    for (const entry of getEntries) {
      const url = urlOf(entry);
      const response = await client.get(url, { headers: { Accept: "text/html" } });
      const status = response.status();
      const location = response.headers()["location"] ?? "";
      const expected = expectationFor(entry, role);
      // Signed-in people who ask for the sign-in or join page are sent on to the site instead.
      const sentOn = SENDS_SIGNED_IN_ON.has(entry.id) && ROLE_RANK[role] >= 1 && [302, 303, 307].includes(status) && !location.includes("/signin");
      const ok =
        expected === "allowed"
          ? status === 200 || sentOn || (status === 302 && entry.id === "/resources/[id]/download" && !location.includes("/signin"))
          : expected === "sign-in"
            ? ([302, 303, 307].includes(status) && location.includes("/signin")) || status === 401
            : expected === "join"
              ? ([302, 303, 307].includes(status) && location.includes("/join")) || status === 401 || status === 403
              : expected === "forbidden"
                ? status === 403 || status === 404
                : status === 404;
      if (!ok) problems.push(`${url}: expected ${expected}, got ${status} ${location}`);
      const marker = MARKERS[entry.id];
      if (marker && expected !== "allowed" && status === 200 && contains(await response.text(), marker)) {
        problems.push(`${url}: the page's data reached ${role}`);
      }
    }
    expect(problems).toEqual([]);
  });
}

function contains(body: string, marker: string | RegExp) {
  return typeof marker === "string" ? body.includes(marker) : marker.test(body);
}

// A prefetch of a dynamic page carries only its loading shell, even for someone allowed, so
// there the walk can only check that nobody refused gets more.
const VARIANTS: { name: string; headers: Record<string, string>; query?: string; shellOnly?: boolean }[] = [
  { name: "RSC", headers: { RSC: "1" } },
  { name: "prefetch", headers: { RSC: "1", "Next-Router-Prefetch": "1" }, shellOnly: true },
  { name: "_rsc query", headers: {}, query: "_rsc=abc12" },
  { name: "forged x-middleware-subrequest", headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" } },
  { name: "forged legacy subrequest", headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" } },
];

test("protected pages refuse RSC, prefetch and forged-subrequest fetches the same way", async () => {
  const problems: string[] = [];
  const protectedPages = getEntries.filter((e) => e.kind === "page" && MARKERS[e.id]);
  for (const entry of protectedPages) {
    const url = urlOf(entry);
    const allowedRole: Role =
      entry.access === "admin" ? "admin" : entry.access === "organizer" ? "organizer" : entry.access === "signed-in" ? "not-joined" : "member";
    const refusedRoles: Role[] = ["visitor", "disabled", ...(RANK[entry.access as "member"] > 2 ? (["member"] as Role[]) : [])];
    for (const variant of VARIANTS) {
      const target = variant.query ? `${url}${url.includes("?") ? "&" : "?"}${variant.query}` : url;
      // The marker must be in what the allowed person gets, or its absence below would prove nothing.
      // Next answers an RSC fetch without its cache-busting `_rsc` value with a redirect to add it, as a browser's router would follow.
      const allowed = await clients.get(allowedRole)!.get(target, { headers: variant.headers, maxRedirects: 5 });
      if (!variant.shellOnly && !contains(await allowed.text(), MARKERS[entry.id]!))
        problems.push(`${target} (${variant.name}): marker missing for ${allowedRole}`);
      for (const role of refusedRoles) {
        const response = await clients.get(role)!.get(target, { headers: variant.headers, maxRedirects: 5 });
        if (response.status() === 200 && contains(await response.text(), MARKERS[entry.id]!)) {
          problems.push(`${target} (${variant.name}): ${role} got the page's data`);
        }
      }
    }
  }
  expect(problems).toEqual([]);
});

test("route handlers that change state refuse cross-site posts", async () => {
  const organizer = clients.get("organizer")!;
  const response = await organizer.post("/manage/resources/upload", {
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site", Accept: "application/json" },
    multipart: { title: "Planted", file: { name: "x.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") } },
  });
  expect(response.status()).toBe(403);
});
