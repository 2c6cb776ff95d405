import pino, { type Logger } from "pino";
import { currentRequest } from "./log-context";
import { logLevelFrom, type LogLevel } from "./log-level";

/**
 * The one logger: JSON lines on stdout, one object per event, for a platform's log
 * collector. No pino transports (they run in worker threads) and no pretty printer:
 * plain writes from this thread in Next's server bundles, scripts/worker.ts and Vitest
 * alike. In development, pipe through `npx pino-pretty` if you want colours.
 *
 * Nothing that names a person goes out: every string and object is scrubbed of email
 * addresses (also percent-encoded ones, as in a sign-in link) and of token= / email=
 * query values, and keys that hold addresses, cookies or secrets are replaced, before
 * pino sees them. People are named by member id, which the request context adds.
 */

const EMAIL = /[^\s@<>"'`(),;:&=?/\\[\]]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gi;
const SECRET_QUERY = /([?&](?:token|email|code|state)=)[^&\s"'#]+/gi;
const SECRET_KEYS = new Set(["email", "to", "from", "cc", "bcc", "cookie", "authorization", "password", "token", "secret", "sealedurl"]);
const MAX_DEPTH = 6;

export function scrubText(text: string): string {
  return text.replace(SECRET_QUERY, "$1[redacted]").replace(EMAIL, "[email]");
}

function scrubError(error: Error, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const plain: Record<string, unknown> = { type: error.name, message: scrubText(error.message) };
  if (error.stack) plain.stack = scrubText(error.stack);
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") plain.code = code;
  if (error.cause !== undefined) plain.cause = scrubValue(error.cause, seen, depth + 1);
  return plain;
}

/** A copy of `value` with no email address, query secret or secret-named key left in it. */
export function scrubValue(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[deep]";
  seen.add(value);
  if (value instanceof Error) return scrubError(value, seen, depth);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, seen, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SECRET_KEYS.has(key.toLowerCase()) ? "[redacted]" : scrubValue(item, seen, depth + 1);
  }
  return copy;
}

type Sink = { write(line: string): void };
const stdoutSink: Sink = { write: (line) => void process.stdout.write(line) };

type Holder = { logger: Logger; sink: Sink };

export function createLogger({ level, sink }: { level?: LogLevel; sink: Sink }): Logger {
  return pino(
    {
      level: level ?? logLevelFrom(process.env),
      timestamp: pino.stdTimeFunctions.isoTime,
      // Errors arrive already serialized and scrubbed (logMethod below); pino's own serializer would redo it.
      serializers: { err: (value: unknown) => value },
      // "level":"warn" rather than 40: what a person searching the logs types.
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const context = currentRequest();
        if (!context) return {};
        return context.memberId ? { requestId: context.requestId, memberId: context.memberId } : { requestId: context.requestId };
      },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // pino reads a leading Error as { err }; scrubbed, it is a plain object, so say so here.
          const head = first instanceof Error ? { err: scrubValue(first) } : scrubValue(first);
          method.apply(this, [head, ...rest.map((arg) => scrubValue(arg))] as Parameters<typeof method>);
        },
      },
    },
    sink,
  );
}

// On globalThis so every Next bundle (and a hot reload) writes through one logger.
const HOLDER_KEY = Symbol.for("convene.logger");
const globals = globalThis as Record<symbol, Holder | undefined>;

function holder(): Holder {
  if (!globals[HOLDER_KEY]) {
    const forwarding: Sink = { write: (line) => globals[HOLDER_KEY]!.sink.write(line) };
    globals[HOLDER_KEY] = { sink: stdoutSink, logger: createLogger({ sink: forwarding }) };
  }
  return globals[HOLDER_KEY];
}

/** The shared logger. */
export const log: Logger = holder().logger;

/**
 * A part of the app's logger, made when it logs: a child made at module load would keep
 * the level of that moment (pino children do not follow their parent's later changes).
 */
export function logFor(component: string): Logger {
  return log.child({ component });
}

/** Tests: every line written until `restore()`, parsed, at the most verbose level. */
export function captureLogs(): { lines: Record<string, unknown>[]; raw: string[]; restore: () => void } {
  const state = holder();
  const previous = { sink: state.sink, level: state.logger.level };
  const raw: string[] = [];
  state.sink = { write: (line) => void raw.push(line) };
  state.logger.level = "trace";
  return {
    raw,
    get lines() {
      return raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    restore: () => {
      state.sink = previous.sink;
      state.logger.level = previous.level;
    },
  };
}
