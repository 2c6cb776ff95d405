import type { Page } from "@playwright/test";

type Problem = string;

/**
 * Sideways scrolling, and controls in <main> that are drawn with no size or past the screen's edge, at the
 * window's width (e2e/phone.spec.ts uses it at 390 px; e2e/journeys.spec.ts at 390 and 1280). Empty when all fits.
 */
export async function layoutProblems(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > width) {
      // Name the innermost elements that stick out, so the message says what to fix.
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}${typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : ""}`;
      const over = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > width + 1);
      const innermost = over.filter((el) => !over.some((other) => other !== el && el.contains(other)));
      // Text can run past a box that itself fits (a long word, a URL): measure the text too.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        range.selectNodeContents(node);
        if (range.getBoundingClientRect().right > width + 1 && node.parentElement) innermost.push(node.parentElement);
      }
      const names = [...new Set(innermost.map(describe))].slice(0, 4);
      problems.push(`the page is ${scrollWidth}px wide in a ${width}px window (past the edge: ${names.join(", ")})`);
    }
    const controls = document.querySelectorAll<HTMLElement>("main a[href], main button, main input, main select, main textarea, main summary");
    for (const control of controls) {
      if (control instanceof HTMLInputElement && control.type === "hidden") continue;
      // USWDS draws checkboxes and radios on their labels and moves the input itself off screen.
      if (control.matches(".usa-checkbox__input, .usa-radio__input, .usa-sr-only, .usa-sr-only *")) continue;
      // Not rendered at all (display: none, a closed <details>): not a control the reader is offered.
      if (control.getClientRects().length === 0) continue;
      const box = control.getBoundingClientRect();
      // Wholly left of the screen is USWDS's visually hidden pattern (left: -999em: the breadcrumbs a phone folds away), not an overflow.
      if (box.right <= 0) continue;
      const name = (control.getAttribute("aria-label") ?? control.textContent ?? control.getAttribute("name") ?? "").trim().slice(0, 40);
      if (box.width < 1 || box.height < 1) problems.push(`<${control.tagName.toLowerCase()}> "${name}" has no size`);
      else if (box.right > width + 1 || box.left < -1)
        problems.push(`<${control.tagName.toLowerCase()}> "${name}" is off screen (${Math.round(box.left)}–${Math.round(box.right)}px)`);
    }
    return problems;
  });
}
