import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";
import { storageConfigFrom } from "./config";

const DIR = "/srv/uploads";
const KEYS = { AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret-example" };

/** The shape cloud.gov's S3 broker binds (fake values). */
function vcap(...buckets: string[]) {
  return JSON.stringify({
    s3: buckets.map((bucket, index) => ({
      label: "s3",
      name: `files-${index}`,
      plan: "basic",
      credentials: {
        uri: `s3://key:secret@s3-us-gov-west-1.amazonaws.com/${bucket}`,
        insecure_skip_verify: false,
        access_key_id: `vcap-key-${index}`,
        secret_access_key: `vcap-secret-${index}`,
        region: "us-gov-west-1",
        bucket,
        endpoint: "s3-us-gov-west-1.amazonaws.com",
        fips_endpoint: "s3-fips.us-gov-west-1.amazonaws.com",
        additional_buckets: [],
      },
    })),
  });
}

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("choosing where files are stored", () => {
  it("keeps the local directory when nothing about S3 is set, or only empty strings", () => {
    expect(storageConfigFrom({}, DIR)).toEqual({ kind: "local", dir: DIR });
    expect(storageConfigFrom({ STORAGE_URL: "", VCAP_SERVICES: "", ...KEYS }, DIR)).toEqual({ kind: "local", dir: DIR });
    expect(storageConfigFrom({ VCAP_SERVICES: JSON.stringify({ "aws-rds": [{ credentials: {} }] }) }, DIR)).toEqual({ kind: "local", dir: DIR });
  });

  it("reads a bucket and prefix from STORAGE_URL, with the region and keys from the AWS variables", () => {
    expect(storageConfigFrom({ STORAGE_URL: "s3://convene-files/prod/uploads/", AWS_REGION: "us-gov-west-1", ...KEYS }, DIR)).toEqual({
      kind: "s3",
      bucket: "convene-files",
      prefix: "prod/uploads/",
      region: "us-gov-west-1",
      endpoint: undefined,
      forcePathStyle: false,
      credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret-example" },
      source: "STORAGE_URL",
    });
  });

  it("leaves the credentials to the SDK's provider chain when no keys are set, and takes AWS_DEFAULT_REGION", () => {
    const config = storageConfigFrom({ STORAGE_URL: "s3://convene-files", AWS_DEFAULT_REGION: "us-east-2" }, DIR);
    expect(config).toMatchObject({ kind: "s3", bucket: "convene-files", prefix: "", region: "us-east-2" });
    expect(config.kind === "s3" && config.credentials).toBeUndefined();
  });

  it("uses path-style addressing for an S3-compatible endpoint, not for AWS's own, and obeys S3_FORCE_PATH_STYLE", () => {
    const minio = storageConfigFrom({ STORAGE_URL: "s3://files", AWS_ENDPOINT_URL: "http://127.0.0.1:9000/" }, DIR);
    expect(minio).toMatchObject({ endpoint: "http://127.0.0.1:9000", forcePathStyle: true, region: "us-east-1" });
    const s3Specific = storageConfigFrom(
      { STORAGE_URL: "s3://files", AWS_ENDPOINT_URL: "http://other:1", AWS_ENDPOINT_URL_S3: "https://minio.example.gov" },
      DIR,
    );
    expect(s3Specific).toMatchObject({ endpoint: "https://minio.example.gov", forcePathStyle: true });
    const aws = storageConfigFrom(
      { STORAGE_URL: "s3://files", AWS_ENDPOINT_URL: "https://s3-fips.us-gov-west-1.amazonaws.com", AWS_REGION: "us-gov-west-1" },
      DIR,
    );
    expect(aws).toMatchObject({ forcePathStyle: false });
    const forced = storageConfigFrom({ STORAGE_URL: "s3://files", AWS_REGION: "us-east-1", S3_FORCE_PATH_STYLE: "true" }, DIR);
    expect(forced).toMatchObject({ forcePathStyle: true });
    expect(storageConfigFrom({ STORAGE_URL: "s3://files", AWS_ENDPOINT_URL: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "false" }, DIR)).toMatchObject({
      forcePathStyle: false,
    });
  });

  it("uses a cloud.gov S3 binding from VCAP_SERVICES when STORAGE_URL is unset, through the FIPS endpoint", () => {
    expect(storageConfigFrom({ VCAP_SERVICES: vcap("cg-1234abcd") }, DIR)).toEqual({
      kind: "s3",
      bucket: "cg-1234abcd",
      prefix: "",
      region: "us-gov-west-1",
      endpoint: "https://s3-fips.us-gov-west-1.amazonaws.com",
      forcePathStyle: false,
      credentials: { accessKeyId: "vcap-key-0", secretAccessKey: "vcap-secret-0" },
      source: "VCAP_SERVICES",
    });
  });

  it("with several bindings, STORAGE_URL picks one by bucket and keeps its own prefix", () => {
    const source = { VCAP_SERVICES: vcap("cg-first", "cg-second") };
    expect(problems(() => storageConfigFrom(source, DIR))[0]).toMatch(/binds 2 s3 services \(cg-first, cg-second\); set STORAGE_URL/);
    expect(storageConfigFrom({ ...source, STORAGE_URL: "s3://cg-second/convene" }, DIR)).toMatchObject({
      bucket: "cg-second",
      prefix: "convene/",
      credentials: { accessKeyId: "vcap-key-1" },
      source: "VCAP_SERVICES",
    });
  });

  it("explains a broken VCAP_SERVICES", () => {
    expect(problems(() => storageConfigFrom({ VCAP_SERVICES: "{not json" }, DIR))).toEqual(["VCAP_SERVICES is not valid JSON"]);
    expect(problems(() => storageConfigFrom({ VCAP_SERVICES: JSON.stringify({ s3: {} }) }, DIR))[0]).toMatch(/must be a list/);
    const noKeys = JSON.stringify({ s3: [{ name: "files", credentials: { bucket: "cg-abc", region: "us-gov-west-1" } }] });
    expect(problems(() => storageConfigFrom({ VCAP_SERVICES: noKeys }, DIR))).toEqual([
      'VCAP_SERVICES s3 binding "files" has no access_key_id, secret_access_key in its credentials',
    ]);
  });

  it("refuses a bad STORAGE_URL with a message that says what is wrong", () => {
    const cases: [string, RegExp][] = [
      ["https://convene-files", /"https:" is not a supported scheme; only s3:\/\/ is/],
      ["s3://", /"" is not a valid bucket name/],
      ["s3://Convene_Files", /"Convene_Files" is not a valid bucket name/],
      ["s3://192.168.1.1", /not a valid bucket name/],
      ["s3://key:secret@files", /credentials and ports go in the AWS_ variables/],
      ["s3://files:9000", /credentials and ports/],
      ["s3://files/a/../b", /prefix part "\.\."/],
      ["s3://files/a//b", /prefix part ""/],
      ["s3://files/a b", /prefix part "a b"/],
      ["s3://files?region=x", /no query string or fragment/],
    ];
    for (const [url, message] of cases) {
      const [problem, ...rest] = problems(() => storageConfigFrom({ STORAGE_URL: url, AWS_REGION: "us-east-1" }, DIR));
      expect(rest).toEqual([]);
      expect(problem).toMatch(/^STORAGE_URL must look like s3:\/\/bucket-name or s3:\/\/bucket-name\/folder\/prefix/);
      expect(problem).toMatch(message);
      // The same rule, and the same words, when the whole configuration is read at start-up.
      expect(problems(() => parseEnv({ STORAGE_URL: url })).join("\n")).toMatch(message);
    }
  });

  it("refuses what the SDK would only fail on later: no region for AWS, half a key pair, a bad endpoint or flag", () => {
    expect(problems(() => storageConfigFrom({ STORAGE_URL: "s3://files" }, DIR))[0]).toMatch(/^AWS_REGION is required with STORAGE_URL/);
    expect(problems(() => storageConfigFrom({ STORAGE_URL: "s3://files", AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIA" }, DIR))).toEqual([
      "AWS_SECRET_ACCESS_KEY must be set together with the other AWS_ key variable",
    ]);
    expect(problems(() => storageConfigFrom({ STORAGE_URL: "s3://files", AWS_ENDPOINT_URL: "ftp://files.example.gov" }, DIR))[0]).toMatch(
      /must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(problems(() => storageConfigFrom({ STORAGE_URL: "s3://files", AWS_REGION: "us-east-1", S3_FORCE_PATH_STYLE: "yes" }, DIR))).toEqual([
      "S3_FORCE_PATH_STYLE must be true or false",
    ]);
    expect(problems(() => parseEnv({ S3_FORCE_PATH_STYLE: "yes" }))).toEqual(["S3_FORCE_PATH_STYLE must be true or false"]);
  });
});
