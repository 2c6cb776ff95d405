import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/** An import/no-restricted-paths rule: each zone names a folder and what it may not import. */
const boundaries = (zones) => ({ "import/no-restricted-paths": ["error", { zones }] });

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // useTestDatabase() registers Vitest hooks; it is not a React hook despite its name.
    // Playwright fixtures call `use()` too.
    files: ["**/*.test.ts", "e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The layers (ARCHITECTURE.md): app/ uses lib/ and components/, components/ uses lib/ types and helpers,
    // lib/ uses db/; imports point down, never back. The rule resolves
    // each import to its file (TypeScript resolver from eslint-config-next), so "@/…" and "../…" are caught
    // alike, and `import type` counts too: lib/ may not even borrow a component's type. Tests are exempt:
    // an integration test under lib/ drives the real actions and pages from above.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: boundaries([
      {
        target: "./db",
        from: ["./lib", "./app", "./components", "./auth.ts"],
        message: "db/ is the bottom layer: it must not import lib/, app/ or components/ (pass what it needs in, or move it to db/).",
      },
      {
        target: "./lib",
        from: ["./app", "./components"],
        message: "lib/ must not import app/ or components/ (not even types): move the shared type or helper into lib/.",
      },
      {
        target: "./components",
        from: ["./app", "./db"],
        message:
          "components/ is presentational: it may use lib/ types and pure helpers, never app/ or db/. A part that needs an action or data belongs in app/_components/.",
      },
    ]),
  },
  {
    // Pages, actions and route handlers reach the database only through lib/, where authorization sits
    // beside each query. (Options replace the block above for these files; its zones never target app/.)
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: boundaries([
      {
        target: "./app",
        from: "./db",
        message: "app/ reads and writes through lib/, which authorizes next to the query; do not import db/ from a page, action or route handler.",
      },
    ]),
  },
  {
    ignores: [
      ".next/**",
      ".next-bench/**",
      ".data/**",
      "node_modules/**",
      "playwright-report/**",
      "test-results/**",
      "next-env.d.ts",
      "public/uswds/**",
      "dist/**",
    ],
  },
];

export default config;
