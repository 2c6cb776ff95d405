import { test } from "@playwright/test";

// A test.only left behind by mistake: in CI, playwright.config.ts must refuse to run the suite.
test.only("a focused test", () => {});
test("a test that test.only would silently skip", () => {});
