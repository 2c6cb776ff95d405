import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

// The project's Playwright settings, pointed at one focused spec and no server: test/forbid-only.test.ts lists it.
export default defineConfig({ ...base, testDir: ".", testMatch: "focused.spec.ts", webServer: undefined, reporter: "list" });
