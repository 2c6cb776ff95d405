import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cloudGovEnv, shellExports } from "./cloud-gov-env.mjs";

// Shapes as cloud.gov's brokers bind them: a `uri` plus its parts.
const rds = {
  host: "db.example.rds.amazonaws.com",
  port: "5432",
  db_name: "cgawsbroker",
  username: "u1",
  password: "p'w$1",
  uri: "postgres://u1:p%27w%241@db.example.rds.amazonaws.com:5432/cgawsbroker",
};
const redis = { host: "master.example.cache.amazonaws.com", port: 6379, password: "secret", uri: "redis://:secret@master.example.cache.amazonaws.com:6379" };
const vcap = (services: Record<string, unknown>) => JSON.stringify(services);
const bound = (credentials: object) => [{ label: "x", name: "x", credentials }];

describe("DATABASE_URL and REDIS_URL from VCAP_SERVICES", () => {
  it("takes the aws-rds uri with TLS required, and the redis uri over TLS", () => {
    expect(cloudGovEnv(vcap({ "aws-rds": bound(rds), "aws-elasticache-redis": bound(redis) }))).toEqual({
      DATABASE_URL: "postgres://u1:p%27w%241@db.example.rds.amazonaws.com:5432/cgawsbroker?sslmode=require",
      REDIS_URL: "rediss://:secret@master.example.cache.amazonaws.com:6379",
    });
  });

  it("keeps an sslmode the uri names, and builds the URLs from their parts when there is no uri", () => {
    const rdsParts = { ...rds, uri: undefined };
    const redisParts = { ...redis, uri: undefined };
    expect(cloudGovEnv(vcap({ "aws-rds": bound({ ...rds, uri: `${rds.uri}?sslmode=verify-full` }) })).DATABASE_URL).toMatch(/\?sslmode=verify-full$/);
    const built = cloudGovEnv(vcap({ "aws-rds": bound(rdsParts), "aws-elasticache-redis": bound(redisParts) }));
    expect(decodeURIComponent(new URL(built.DATABASE_URL!).password)).toBe(rds.password);
    expect(built.REDIS_URL).toBe("rediss://:secret@master.example.cache.amazonaws.com:6379");
  });

  it("leaves a variable that is already set, and does nothing without VCAP_SERVICES or a binding", () => {
    expect(cloudGovEnv(vcap({ "aws-rds": bound(rds), "aws-elasticache-redis": bound(redis) }), { DATABASE_URL: "postgres://mine" })).toEqual({
      REDIS_URL: "rediss://:secret@master.example.cache.amazonaws.com:6379",
    });
    expect(cloudGovEnv(undefined)).toEqual({});
    expect(cloudGovEnv(vcap({ s3: bound({ bucket: "b" }) }))).toEqual({});
  });

  it("refuses what it cannot use rightly: bad JSON, two databases, a binding without credentials", () => {
    expect(() => cloudGovEnv("{not json")).toThrow(/not valid JSON/);
    expect(() => cloudGovEnv(vcap({ "aws-rds": [...bound(rds), ...bound(rds)] }))).toThrow(/binds 2 "aws-rds"/);
    expect(() => cloudGovEnv(vcap({ "aws-rds": [{ name: "x" }] }))).toThrow(/no credentials/);
    expect(() => cloudGovEnv(vcap({ "aws-rds": bound({ uri: "mysql://a@b/c" }) }))).toThrow(/not a postgres/);
  });

  it("prints exports a shell reads back exactly, quotes and dollar signs included", () => {
    const value = `it's $HOME and \`date\` "quoted"`;
    const result = spawnSync("sh", ["-c", `eval "$1" && printf %s "$TRICKY"`, "sh", shellExports({ TRICKY: value })], { encoding: "utf8" });
    expect(result.stdout).toBe(value);
  });

  it("runs as the manifest's command runs it, and a parse failure stops the start", () => {
    const command = `exports="$(node scripts/cloud-gov-env.mjs)" && eval "$exports" && printf '%s|%s' "$DATABASE_URL" "$REDIS_URL"`;
    const ok = spawnSync("sh", ["-c", command], {
      encoding: "utf8",
      env: { NODE_ENV: "test", PATH: process.env.PATH, VCAP_SERVICES: vcap({ "aws-rds": bound(rds), "aws-elasticache-redis": bound(redis) }) },
    });
    expect(ok.stdout).toBe(
      "postgres://u1:p%27w%241@db.example.rds.amazonaws.com:5432/cgawsbroker?sslmode=require|rediss://:secret@master.example.cache.amazonaws.com:6379",
    );
    const bad = spawnSync("sh", ["-c", `${command} && echo started`], {
      encoding: "utf8",
      env: { NODE_ENV: "test", PATH: process.env.PATH, VCAP_SERVICES: "{" },
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).not.toContain("started");
    expect(bad.stderr).toContain("VCAP_SERVICES is not valid JSON");
  });
});
