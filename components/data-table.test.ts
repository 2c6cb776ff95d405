import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable } from "./data-table";

describe("DataTable", () => {
  const rows = [h("tr", { key: 1 }, h("th", { scope: "row" }, "Ana"), h("td", null, "GSA"), h("td", null, h("button", null, "Check in")))];
  const columns = ["Name", "Agency", { label: "Actions", hidden: true as const }];

  it("scrolls wide tables inside a focusable region named for the table", () => {
    const html = renderToStaticMarkup(h(DataTable, { label: "Going", columns, children: rows }));
    expect(html).toMatch(/^<div class="usa-table-container--scrollable" tabindex="0" role="region" aria-label="Going"><table/);
    expect(html).toContain('<th scope="col"><span class="usa-sr-only">Actions</span></th>');
    expect(html).not.toContain("data-label");
  });

  it("stacked, gives every cell its column's heading as USWDS's data-label, and no scrolling region", () => {
    const html = renderToStaticMarkup(h(DataTable, { label: "Going", columns, stacked: true, children: rows }));
    expect(html.startsWith('<table class="usa-table usa-table--borderless width-full usa-table--stacked">')).toBe(true);
    expect(html).toContain('<th scope="row" data-label="Name">Ana</th><td data-label="Agency">GSA</td><td><button>Check in</button></td>');
  });
});
