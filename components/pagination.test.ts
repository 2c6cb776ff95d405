import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { listPageHref, pageSlots, Pagination } from "./pagination";

describe("pageSlots", () => {
  it("shows every page when they fit", () => {
    expect(pageSlots(1, 1)).toEqual([1]);
    expect(pageSlots(3, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("keeps the first, the last and the current page's neighbours, in seven slots", () => {
    expect(pageSlots(1, 20)).toEqual([1, 2, 3, 4, 5, "gap", 20]);
    expect(pageSlots(10, 20)).toEqual([1, "gap", 9, 10, 11, "gap", 20]);
    expect(pageSlots(20, 20)).toEqual([1, "gap", 16, 17, 18, 19, 20]);
    for (let page = 1; page <= 20; page++) {
      const slots = pageSlots(page, 20);
      expect(slots).toHaveLength(7);
      expect(slots).toContain(page);
      expect(slots).toContain(page === 20 ? 19 : page + 1);
    }
  });
});

describe("Pagination", () => {
  it("links every shown page, keeping the filters, and marks the current one", () => {
    const html = renderToStaticMarkup(
      createElement(Pagination, { page: 2, pageCount: 3, path: "/members", filters: { q: "gsa", kind: undefined }, label: "Pages" }),
    );
    expect(html).toContain(`href="/members?q=gsa&amp;page=1"`);
    expect(html).toContain(`href="/members?q=gsa&amp;page=3"`);
    expect(html).toMatch(/aria-current="page" aria-label="Page 2 of 3">2</);
    // The number links sit outside the arrow items USWDS hides on phones.
    expect(html).toMatch(/usa-pagination__page-no"><a[^>]*aria-label="Page 3"/);
  });

  it("is nothing for a single page", () => {
    expect(renderToStaticMarkup(createElement(Pagination, { page: 1, pageCount: 1, path: "/x", label: "Pages" }))).toBe("");
  });

  it("builds list addresses without the unset filters", () => {
    expect(listPageHref("/events", { when: "past", q: "", topic: undefined }, 4)).toBe("/events?when=past&page=4");
  });
});
