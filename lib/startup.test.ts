import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

it("stops start-up with a message naming the wrong variable", () => {
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  const result = spawnSync(
    process.execPath,
    [tsx, "--conditions=react-server", "-e", 'import("./lib/startup.ts").then((m) => m.startServer())'],
    { env: { ...process.env, DATABASE_URL: "", UPLOAD_MAX_BYTES: "lots", SMTP_URL: "http://mail" }, encoding: "utf8", timeout: 30_000 },
  );
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("Convene cannot start");
  expect(result.stderr).toContain("UPLOAD_MAX_BYTES must be a whole number of bytes");
  expect(result.stderr).toContain("SMTP_URL must be an smtp:// or smtps:// URL");
});
