// Bundles the worker and the mail receiver into dist/*.mjs, plain JavaScript for the container
// image, whose runtime stage has neither tsx nor the dev dependencies (`npm run worker` needs both).
// Run by the Dockerfile's build stage: node scripts/build-worker.mjs
import { build } from "esbuild";

await build({
  entryPoints: ["scripts/worker.ts", "scripts/mail-in.ts"],
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // As `npm run worker` runs it: server-only resolves to its empty server build.
  conditions: ["react-server"],
  // PGlite loads its WebAssembly from its own package folder (in the standalone node_modules);
  // Next asks for OpenTelemetry only if it is installed.
  external: ["@electric-sql/pglite", "@opentelemetry/api"],
  // Bundled CommonJS packages use require, __filename and __dirname; an ES module has none of its own.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      "import { dirname as __pathDirname } from 'node:path';",
      "const require = __createRequire(import.meta.url);",
      "const __filename = __fileURLToPath(import.meta.url);",
      "const __dirname = __pathDirname(__filename);",
    ].join(" "),
  },
  logLevel: "warning",
});
