import { ConfigError } from "@/lib/env";
import { BUCKET, parseStorageUrl } from "./storage-url";

/**
 * Where uploaded files go, worked out from the environment alone (no I/O, so every form is unit tested).
 * Not server-only, like lib/env.ts, whose ConfigError it throws.
 */
export type S3Config = {
  kind: "s3";
  bucket: string;
  /** Keys are stored as `${prefix}${key}`; "" or ending in "/". */
  prefix: string;
  region: string;
  /** Absent: the SDK's own endpoint for the region (real AWS). */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Absent: the SDK's default provider chain (instance role, web identity, shared files...). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Which variables it came from, for log lines and error messages. */
  source: "STORAGE_URL" | "VCAP_SERVICES";
};

export type StorageConfig = { kind: "local"; dir: string } | S3Config;

type Source = Record<string, string | undefined>;

/**
 * Local disk unless STORAGE_URL is set or cloud.gov bound an S3 service (VCAP_SERVICES). With both,
 * STORAGE_URL wins; if it names a bound bucket, that binding's credentials and endpoint are used.
 */
export function storageConfigFrom(rawSource: Source, uploadDir: string): StorageConfig {
  // Empty strings count as unset, as in lib/env.ts.
  const source: Source = Object.fromEntries(Object.entries(rawSource).filter(([, value]) => value !== undefined && value !== ""));
  const bindings = vcapS3Bindings(source.VCAP_SERVICES);
  const forcedPathStyle = parseBoolean(source, "S3_FORCE_PATH_STYLE");

  if (source.STORAGE_URL) {
    const parsed = parseStorageUrl(source.STORAGE_URL);
    if ("problem" in parsed) throw new ConfigError([`STORAGE_URL ${parsed.problem}`]);
    const { bucket, prefix } = parsed;
    const bound = bindings.find((binding) => binding.bucket === bucket);
    if (bound) return { ...bound, prefix, forcePathStyle: forcedPathStyle ?? bound.forcePathStyle };
    const endpoint = normalizeEndpoint(source.AWS_ENDPOINT_URL_S3 ?? source.AWS_ENDPOINT_URL, "AWS_ENDPOINT_URL");
    const region = source.AWS_REGION ?? source.AWS_DEFAULT_REGION ?? (endpoint ? "us-east-1" : undefined);
    if (!region) {
      throw new ConfigError(["AWS_REGION is required with STORAGE_URL (such as us-gov-west-1), unless AWS_ENDPOINT_URL names an S3-compatible server"]);
    }
    return {
      kind: "s3",
      bucket,
      prefix,
      region,
      endpoint,
      forcePathStyle: forcedPathStyle ?? (endpoint ? !isAwsHost(endpoint) : false),
      credentials: keysFrom(source),
      source: "STORAGE_URL",
    };
  }
  if (bindings.length > 1) {
    throw new ConfigError([
      `VCAP_SERVICES binds ${bindings.length} s3 services (${bindings.map((b) => b.bucket).join(", ")}); set STORAGE_URL=s3://<bucket> to choose the one for uploads`,
    ]);
  }
  if (bindings.length === 1) {
    const bound = bindings[0]!;
    return { ...bound, prefix: "", forcePathStyle: forcedPathStyle ?? bound.forcePathStyle };
  }
  return { kind: "local", dir: uploadDir };
}

/** Both keys or neither (then the SDK looks further: roles, shared files). */
function keysFrom(source: Source): S3Config["credentials"] {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = source;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new ConfigError([`${accessKeyId ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID"} must be set together with the other AWS_ key variable`]);
  }
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : undefined;
}

function parseBoolean(source: Source, name: string): boolean | undefined {
  const value = source[name];
  if (value === undefined) return undefined;
  if (value === "true" || value === "false") return value === "true";
  throw new ConfigError([`${name} must be true or false`]);
}

/** Service brokers give a bare host ("s3-fips.us-gov-west-1.amazonaws.com"); the SDK wants a URL. */
function normalizeEndpoint(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConfigError([`${name} must be a URL such as https://s3.example.gov or http://127.0.0.1:9000`]);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new ConfigError([`${name} must be an http:// or https:// URL`]);
  if (url.username || url.password || url.search || url.hash) throw new ConfigError([`${name} must hold only the scheme, host, port and path`]);
  return url.toString().replace(/\/$/, "");
}

// AWS itself serves virtual-hosted buckets; S3-compatible servers (MinIO and the like) usually want bucket-in-path.
function isAwsHost(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === "amazonaws.com" || host.endsWith(".amazonaws.com");
}

type VcapS3Credentials = {
  bucket?: unknown;
  region?: unknown;
  access_key_id?: unknown;
  secret_access_key?: unknown;
  endpoint?: unknown;
  fips_endpoint?: unknown;
};

/**
 * cloud.gov's S3 broker binds credentials of this shape under the "s3" label:
 * { uri, insecure_skip_verify, access_key_id, secret_access_key, region, bucket, endpoint, fips_endpoint,
 *   additional_buckets }. The FIPS endpoint is preferred: federal systems must use FIPS-validated TLS.
 */
function vcapS3Bindings(raw: string | undefined): Omit<S3Config, "prefix">[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(["VCAP_SERVICES is not valid JSON"]);
  }
  if (typeof parsed !== "object" || parsed === null) throw new ConfigError(["VCAP_SERVICES must be a JSON object"]);
  const entries = (parsed as Record<string, unknown>).s3;
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) throw new ConfigError(['VCAP_SERVICES "s3" must be a list of service bindings']);
  return entries.map((entry: { name?: unknown; credentials?: VcapS3Credentials }, index) => {
    const label = typeof entry?.name === "string" ? `"${entry.name}"` : `number ${index + 1}`;
    const credentials = entry?.credentials ?? {};
    const text = (field: keyof VcapS3Credentials) =>
      typeof credentials[field] === "string" && credentials[field] !== "" ? (credentials[field] as string) : undefined;
    const missing = (["bucket", "region", "access_key_id", "secret_access_key"] as const).filter((field) => !text(field));
    if (missing.length) throw new ConfigError([`VCAP_SERVICES s3 binding ${label} has no ${missing.join(", ")} in its credentials`]);
    const bucket = text("bucket")!;
    if (!BUCKET.test(bucket)) throw new ConfigError([`VCAP_SERVICES s3 binding ${label} names an invalid bucket "${bucket}"`]);
    const endpoint = normalizeEndpoint(text("fips_endpoint") ?? text("endpoint"), `VCAP_SERVICES s3 binding ${label} endpoint`);
    return {
      kind: "s3" as const,
      bucket,
      region: text("region")!,
      endpoint,
      forcePathStyle: endpoint ? !isAwsHost(endpoint) : false,
      credentials: { accessKeyId: text("access_key_id")!, secretAccessKey: text("secret_access_key")! },
      source: "VCAP_SERVICES" as const,
    };
  });
}
