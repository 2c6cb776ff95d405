// cloud.gov (Cloud Foundry) hands bound services to the app in VCAP_SERVICES; Convene reads
// DATABASE_URL and REDIS_URL. This prints `export` lines for the two, for the manifest's command:
//
//   exports="$(node scripts/cloud-gov-env.mjs)" && eval "$exports" && exec node … server.js
//
// (the assignment keeps a parse failure from starting the app: `eval "$(…)"` alone would succeed).
// A variable already set is left alone. The S3 binding is read by lib/storage itself.
// Plain JavaScript with no dependencies: it runs before anything else, where jq may be missing.
import { pathToFileURL } from "node:url";

/** The one binding of `label`, or undefined; more than one is a mistake the operator must resolve. */
function binding(services, label) {
  const list = services[label];
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.length === 0) throw new Error(`VCAP_SERVICES "${label}" must be a non-empty list of bindings`);
  if (list.length > 1) throw new Error(`VCAP_SERVICES binds ${list.length} "${label}" services; bind one`);
  const credentials = list[0]?.credentials;
  if (typeof credentials !== "object" || credentials === null) throw new Error(`VCAP_SERVICES "${label}" binding has no credentials`);
  return credentials;
}

function text(value) {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

// aws-rds gives `uri` (and its parts). RDS accepts TLS, and a federal system sends its data encrypted: require it.
function databaseUrl(credentials) {
  let uri = text(credentials.uri);
  if (!uri) {
    const [host, port, name, user, password] = ["host", "port", "db_name", "username", "password"].map((key) => text(credentials[key]));
    if (!host || !name || !user || !password) throw new Error("VCAP_SERVICES aws-rds credentials have neither uri nor host, db_name, username and password");
    uri = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port ?? "5432"}/${encodeURIComponent(name)}`;
  }
  const url = new URL(uri);
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") throw new Error("VCAP_SERVICES aws-rds uri is not a postgres:// URL");
  if (!url.searchParams.has("sslmode")) url.searchParams.set("sslmode", "require");
  return url.toString();
}

// aws-elasticache-redis gives `uri` as redis://, but the cluster only takes TLS connections: rediss://.
function redisUrl(credentials) {
  let uri = text(credentials.uri);
  if (!uri) {
    const [host, port, password] = ["host", "port", "password"].map((key) => text(credentials[key]));
    if (!host) throw new Error("VCAP_SERVICES aws-elasticache-redis credentials have neither uri nor host");
    uri = `rediss://${password ? `:${encodeURIComponent(password)}@` : ""}${host}:${port ?? "6379"}`;
  }
  const url = new URL(uri);
  if (url.protocol === "redis:") return `rediss:${uri.slice("redis:".length)}`;
  if (url.protocol !== "rediss:") throw new Error("VCAP_SERVICES aws-elasticache-redis uri is not a redis:// or rediss:// URL");
  return uri;
}

/** DATABASE_URL and REDIS_URL from the bindings, for whichever of the two `env` does not set already. */
export function cloudGovEnv(vcapServices, env = {}) {
  if (!vcapServices) return {};
  let services;
  try {
    services = JSON.parse(vcapServices);
  } catch {
    throw new Error("VCAP_SERVICES is not valid JSON");
  }
  if (typeof services !== "object" || services === null || Array.isArray(services)) throw new Error("VCAP_SERVICES must be a JSON object");
  const result = {};
  const database = env.DATABASE_URL ? undefined : binding(services, "aws-rds");
  if (database) result.DATABASE_URL = databaseUrl(database);
  const redis = env.REDIS_URL ? undefined : binding(services, "aws-elasticache-redis");
  if (redis) result.REDIS_URL = redisUrl(redis);
  return result;
}

/** `export NAME='value'` lines; single quotes keep $, backquotes and spaces literal, and a ' inside is closed, escaped and reopened. */
export function shellExports(vars) {
  return Object.entries(vars)
    .map(([name, value]) => `export ${name}='${value.replaceAll("'", `'\\''`)}'\n`)
    .join("");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.stdout.write(shellExports(cloudGovEnv(process.env.VCAP_SERVICES, process.env)));
  } catch (error) {
    console.error(`cloud-gov-env: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
