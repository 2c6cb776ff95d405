import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
// CI asks for a JSON report too, to add every runner's counts into one line.
const reportDir = process.env.TEST_REPORT_DIR;
const reportLabel = process.env.TEST_REPORT_LABEL ?? (process.env.DATABASE_URL ? "postgres" : "pglite");

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // The real package throws outside React Server Components; tests run lib/ directly.
      "server-only": path.join(root, "test/server-only-stub.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    environment: "node",
    // next-auth imports "next/server" without an extension, which only a bundler resolves;
    // inlining lets Vite resolve it when a tested module reaches auth.ts.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: reportDir ? ["default", "json"] : ["default"],
    outputFile: reportDir ? { json: path.join(reportDir, `vitest-${reportLabel}.json`) } : undefined,
  },
});
