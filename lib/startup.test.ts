import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

it("stops start-up with a message naming the wrong variable", () => {
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  const result = spawnSync(process.execPath, [tsx, "--conditions=react-server", "-e", 'import("./lib/startup.ts").then((m) => m.startServer())'], {
    env: { ...process.env, DATABASE_URL: "", UPLOAD_MAX_BYTES: "lots", SMTP_URL: "http://mail" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("Convene cannot start");
  expect(result.stderr).toContain("UPLOAD_MAX_BYTES must be a whole number of bytes");
  expect(result.stderr).toContain("SMTP_URL must be an smtp:// or smtps:// URL");
});

it("stops start-up on a file store it could not use, not at the first upload", () => {
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  // A bucket with no region (and no endpoint to default one): the AWS SDK would only fail on the first upload.
  const result = spawnSync(process.execPath, [tsx, "--conditions=react-server", "-e", 'import("./lib/startup.ts").then((m) => m.startServer())'], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      STORAGE_URL: "s3://convene-files",
      AWS_REGION: "",
      AWS_DEFAULT_REGION: "",
      AWS_ENDPOINT_URL: "",
      AWS_ENDPOINT_URL_S3: "",
      VCAP_SERVICES: "",
    },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("Convene cannot start");
  expect(result.stderr).toMatch(/AWS_REGION/);
});

it("refuses to start in production when no client address can be trusted", async () => {
  const { checkClientAddressSource } = await import("./startup");
  const { parseEnv } = await import("./env");
  const production = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), AUTH_URL: "https://convene.example.gov" };
  const errors: unknown[] = [];
  const originalError = console.error;
  console.error = (...args: unknown[]) => void errors.push(args.join(" "));
  try {
    expect(checkClientAddressSource(parseEnv(production), false)).toBe(false);
    expect(checkClientAddressSource(parseEnv(production), true)).toBe(true);
    expect(checkClientAddressSource(parseEnv({ ...production, TRUSTED_PROXY_HOPS: "1" }), false)).toBe(true);
  } finally {
    console.error = originalError;
  }
  expect(String(errors[0])).toContain("TRUSTED_PROXY_HOPS is 0");
});
