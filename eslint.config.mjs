import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

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
    ignores: [".next/**", ".next-bench/**", ".data/**", "node_modules/**", "playwright-report/**", "test-results/**", "next-env.d.ts", "public/uswds/**"],
  },
];

export default config;
