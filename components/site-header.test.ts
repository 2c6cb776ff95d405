import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { HeaderViewer } from "@/lib/viewer";
import { SiteHeader } from "./site-header";

const signOut = async () => {};
const hrefs = (viewer: HeaderViewer) =>
  [...renderToStaticMarkup(createElement(SiteHeader, { viewer, signOutAction: signOut })).matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
const person = { name: "Pat", email: "pat@agency.gov", canManage: false, isAdmin: false };

describe("the header's ways in", () => {
  it("shows a member the directory and their events", () => {
    const links = hrefs({ ...person, isMember: true });
    expect(links).toEqual(expect.arrayContaining(["/members", "/account/events", "/account"]));
    // The directory sits with the site's sections, My events beside My account.
    expect(links.indexOf("/members")).toBeLessThan(links.indexOf("/about"));
    expect(links.indexOf("/account/events")).toBe(links.indexOf("/account") - 1);
  });

  it("shows neither to a visitor, nor to someone signed in who has not joined (both pages would send them to /join)", () => {
    for (const viewer of [null, { ...person, isMember: false }]) {
      expect(hrefs(viewer)).not.toContain("/members");
      expect(hrefs(viewer)).not.toContain("/account/events");
    }
  });

  it("puts every staff page in the one Manage menu (admins' too), with the same links for a browser without script", () => {
    const markup = (viewer: HeaderViewer) => renderToStaticMarkup(createElement(SiteHeader, { viewer, signOutAction: signOut }));
    const admin = markup({ ...person, isMember: true, canManage: true, isAdmin: true });
    const menu = admin.slice(admin.indexOf('id="manage-menu"'), admin.indexOf("</ul>", admin.indexOf('id="manage-menu"')));
    expect([...menu.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual(["/manage/events", "/manage/resources", "/admin/members"]);
    // No "Admin" item of its own beside the menu: nine items did not fit one line at 1280 px.
    expect(admin).not.toMatch(/>Admin</);
    const fallback = admin.slice(admin.indexOf("<noscript>"), admin.indexOf("</noscript>"));
    expect([...fallback.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual(["/manage/events", "/manage/resources", "/admin/members"]);
    // An organizer's menu has no admin page in it.
    expect(markup({ ...person, isMember: true, canManage: true })).not.toContain("/admin/members");
  });
});
