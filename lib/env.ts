import { z } from "zod";
import { databaseEnvShape } from "@/db/location";
import { parseStorageUrl } from "@/lib/storage/storage-url";
import { LOG_LEVELS } from "@/lib/log-level";

/**
 * The whole configuration, read from the environment and validated once.
 * Not marked server-only: the migrate and seed scripts read it outside Next.
 */
const commaList = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean),
);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    // db/ reads these two itself (it sits below lib/); one definition, validated here too.
    ...databaseEnvShape,
    AUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
    AUTH_URL: z.url({ protocol: /^https?$/, error: "must be an absolute URL such as https://convene.example.gov" }).optional(),
    // Next sets PORT for `next dev` / `next start -p`; development's default origin uses it.
    PORT: z
      .string()
      .regex(/^\d{1,5}$/, { error: "must be a port number" })
      .default("3000"),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, { error: "must be an smtp:// or smtps:// URL" })
      .optional(),
    MAIL_FROM: z.string().min(3).default("Social Media Community of Practice <convene@localhost>"),
    // Calendar replies (Accept/Decline) are addressed to rsvp+<token>@ this domain; default: MAIL_FROM's domain.
    MAIL_REPLY_DOMAIN: z
      .string()
      .toLowerCase()
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, { error: "must be a domain name such as convene.example.gov" })
      .optional(),
    // The calendar-reply receiver: smtp:// or lmtp:// and the address to listen on. Set on the web server, it
    // listens in that process; `npm run mail-in` listens on it too (default smtp://127.0.0.1:2525).
    MAIL_IN_URL: z
      .string()
      .regex(/^(smtp|lmtp):\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}\/?$/, {
        error: "must be smtp://host:port or lmtp://host:port, such as smtp://127.0.0.1:2525",
      })
      .optional(),
    MAIL_IN_MAX_BYTES: z.coerce
      .number({ error: "must be a whole number of bytes" })
      .int({ error: "must be a whole number of bytes" })
      .min(10_000, { error: "must be at least 10000" })
      .default(2 * 1024 * 1024),
    ALLOWED_EMAIL_DOMAINS: commaList.default(["gov", "mil"]).refine((labels) => labels.length > 0 && labels.every((label) => /^[a-z0-9-]+$/.test(label)), {
      error: "must be a comma-separated list of top-level domain labels, such as gov,mil",
    }),
    ADMIN_EMAILS: commaList.default([]),
    // How many reverse proxies in front of Convene append to X-Forwarded-For. 0: trust no header, use the socket address.
    TRUSTED_PROXY_HOPS: z.coerce
      .number({ error: "must be a whole number of proxies (0 when clients connect directly)" })
      .int({ error: "must be a whole number of proxies (0 when clients connect directly)" })
      .min(0, { error: "must be 0 (no proxy) or more" })
      .max(10, { error: "must be at most 10" })
      .default(0),
    // storage-s3
    // Uploaded files go to this bucket instead of UPLOAD_DIR; lib/storage/config.ts reads the AWS_ variables and
    // VCAP_SERVICES (an s3 binding on cloud.gov) beside it, as the AWS SDK names them.
    STORAGE_URL: z
      .string()
      .superRefine((value, ctx) => {
        const parsed = parseStorageUrl(value);
        if ("problem" in parsed) ctx.addIssue({ code: "custom", message: parsed.problem });
      })
      .optional(),
    S3_FORCE_PATH_STYLE: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
    // redis-cache
    // Next's cache (data and visitor pages) in Redis, shared by every instance (lib/cache/redis-cache-handler.mjs,
    // which reads these two itself at run time). Unset: each process caches in its own memory, as before.
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL, such as redis://127.0.0.1:6379" }).optional(),
    // Start of every key Convene writes, so several sites (or tests) can share one Redis.
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:._-]{1,64}$/, { error: "must be up to 64 letters, digits or : . _ -, such as convene:" })
      .default("convene:"),
    // ops
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
    // The bearer token Prometheus sends to /api/metrics; unset, the endpoint is off (404).
    METRICS_TOKEN: z.string().min(16, { error: "must be at least 16 characters (a random secret)" }).optional(),
    // deploy
    // Days a delivered email's body (text, HTML, calendar) is kept before daily housekeeping empties it; 0 keeps it forever.
    OUTBOX_RETENTION_DAYS: z.coerce
      .number({ error: "must be a whole number of days (0 keeps bodies forever)" })
      .int({ error: "must be a whole number of days (0 keeps bodies forever)" })
      .min(0, { error: "must be 0 (keep forever) or more" })
      .max(36_500, { error: "must be at most 36500 (a hundred years)" })
      .default(90),
    // records
    // Days each kind of record is kept before daily housekeeping removes it (lib/records/retention.ts; RECORDS.md says
    // why each default); 0 keeps that kind forever, under 30 is refused as a likely slip. RETENTION_HOLD=true suspends
    // every removal (a FOIA or litigation hold).
    ...(() => {
      const days = z.coerce
        .number({ error: "must be a whole number of days (0 keeps them forever)" })
        .int({ error: "must be a whole number of days (0 keeps them forever)" })
        .refine((value) => value === 0 || (value >= 30 && value <= 36_500), { error: "must be 0 (keep forever) or between 30 and 36500 days" });
      return {
        RETENTION_AUDIT_DAYS: days.default(2190),
        RETENTION_MESSAGES_DAYS: days.default(1095),
        RETENTION_RSVPS_DAYS: days.default(1095),
        RETENTION_MAIL_LOG_DAYS: days.default(1095),
        RETENTION_HOLD: z.enum(["true", "false"], { error: "must be true or false" }).default("false"),
      };
    })(),
    UPLOAD_DIR: z.string().min(1).optional(),
    UPLOAD_MAX_BYTES: z.coerce
      .number({ error: "must be a whole number of bytes" })
      .int({ error: "must be a whole number of bytes" })
      .positive({ error: "must be greater than zero" })
      .default(50 * 1024 * 1024),
    NOTIFICATIONS_INTERVAL_SECONDS: z.coerce
      .number({ error: "must be a whole number of seconds" })
      .int({ error: "must be a whole number of seconds" })
      .min(0, { error: "must be 0 (off) or more" })
      .max(3600, { error: "must be at most 3600 (an hour)" })
      .default(60),
    // How long after a recording or slides are attached the follow-up waits, so one email lists both.
    FOLLOW_UP_DELAY_SECONDS: z.coerce
      .number({ error: "must be a whole number of seconds" })
      .int({ error: "must be a whole number of seconds" })
      .min(0, { error: "must be 0 (at once) or more" })
      .max(86_400, { error: "must be at most 86400 (a day)" })
      .default(300),
    DEV_MAILBOX: z.enum(["true", "false"]).optional(),
    LOGIN_GOV_ISSUER: z.url({ error: "must be the Login.gov issuer URL" }).optional(),
    LOGIN_GOV_CLIENT_ID: z.string().min(1).optional(),
    LOGIN_GOV_ACR_VALUES: z.string().min(1).default("urn:acr.login.gov:auth-only"),
    // accommodations
    // Requests made later than this many days before an event starts still go through, marked late: arranging may not be possible.
    ACCOMMODATION_DEADLINE_DAYS: z.coerce
      .number({ error: "must be a whole number of days" })
      .int({ error: "must be a whole number of days" })
      .min(0, { error: "must be 0 (never late) or more" })
      .max(365, { error: "must be at most 365" })
      .default(5),
    // Days after an event ends that its accommodation requests are kept before daily housekeeping deletes them.
    ACCOMMODATION_RETENTION_DAYS: z.coerce
      .number({ error: "must be a whole number of days" })
      .int({ error: "must be a whole number of days" })
      .min(0, { error: "must be 0 (deleted the day after the event) or more" })
      .max(3650, { error: "must be at most 3650" })
      .default(30),
    // registry
    // Where someone whose .gov address is not in the registry is told to write, to have their domain added.
    ORGANIZERS_EMAIL: z.email({ error: "must be an email address, such as socialmedia@gsa.gov" }).default("socialmedia@gsa.gov"),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.LOGIN_GOV_ISSUER) !== Boolean(env.LOGIN_GOV_CLIENT_ID)) {
      ctx.addIssue({
        code: "custom",
        path: [env.LOGIN_GOV_ISSUER ? "LOGIN_GOV_CLIENT_ID" : "LOGIN_GOV_ISSUER"],
        message: "must be set together with the other LOGIN_GOV_ variable",
      });
    }
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
    const authUrlProblem = env.NODE_ENV === "production" ? productionAuthUrlProblem(env.AUTH_URL) : null;
    if (authUrlProblem) ctx.addIssue({ code: "custom", path: ["AUTH_URL"], message: authUrlProblem });
  })
  .transform((env) => ({
    ...env,
    UPLOAD_DIR: env.UPLOAD_DIR ?? `${env.DATA_DIR}/uploads`,
    siteOrigin: env.AUTH_URL ? new URL(env.AUTH_URL).origin : `http://localhost:${env.PORT}`,
    devMailboxEnabled: env.DEV_MAILBOX ? env.DEV_MAILBOX === "true" : env.NODE_ENV !== "production",
  }));

export type Env = z.infer<typeof envSchema>;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Sign-in links and every other emailed URL are built from AUTH_URL, never from the
 * request's Host or X-Forwarded-Host, which anyone can forge. So production needs it,
 * over https; plain http is allowed only on a loopback host, which nobody else can reach
 * and which browsers treat as a secure context (the e2e and benchmark servers).
 */
function productionAuthUrlProblem(authUrl: string | undefined): string | null {
  const advice = "set it to the site's public https:// address, such as https://convene.example.gov";
  if (!authUrl) return `is required in production: sign-in links and emailed URLs are built from it; ${advice}`;
  const url = new URL(authUrl);
  if (url.protocol === "https:") return null;
  if (LOOPBACK_HOSTS.has(url.hostname)) return null;
  return `must be an https:// URL in production (http:// only for localhost, 127.0.0.1 or [::1]); ${advice}`;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Empty strings count as unset, as they do in most .env files. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change the environment between files; this forgets the parsed copy. */
export function resetEnvForTests() {
  cached = undefined;
}
