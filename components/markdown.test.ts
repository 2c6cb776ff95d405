import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe("event descriptions (Markdown)", () => {
  it("turns a bare address into a link", () => {
    const html = render("Slides: https://digital.gov/communities/social-media and www.usa.gov.");
    expect(html).toContain('<a href="https://digital.gov/communities/social-media">https://digital.gov/communities/social-media</a>');
    expect(html).toContain('<a href="http://www.usa.gov">www.usa.gov</a>');
  });

  it("still empties javascript: and data: links and drops raw HTML and images", () => {
    const html = render("[bad](javascript:alert(1)) [worse](data:text/html,x) <script>x()</script> ![i](https://example.gov/i.png)");
    expect(html).not.toMatch(/javascript:|data:|<script|<img/);
    expect(html).toContain(">bad</a>");
  });

  it("renders task-list items without their unlabeled checkboxes", () => {
    const html = render("- [x] Bring a post\n- [ ] Bring questions");
    expect(html).not.toContain("<input");
    expect(html).toContain("Bring a post");
  });
});
