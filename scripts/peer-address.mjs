// Preloaded by `npm start` (node --import ./scripts/peer-address.mjs ...), before Next creates
// its HTTP server. It sees every request start and finish, whichever route answers (pages,
// route handlers, the upload route the proxy skips, cached visitor pages), so it:
//  - copies the socket's address into a header of our own on every request, overwriting any
//    header of that name a client sent (route handlers and server actions see headers, never
//    the socket; lib/request-ip.ts reads it when TRUSTED_PROXY_HOPS is 0);
//  - gives the request its id (lib/log-request-id.mjs decides), on the request for the app
//    and on the response for the client;
//  - runs the request in an AsyncLocalStorage store on globalThis, which lib/log-context.ts
//    reads (log lines get the request id) and viewer resolution fills with the member's id;
//  - writes one access log line when the response is done: id, method, path without query,
//    status, duration, member id when signed in. Never an email or a query string.
// Plain JavaScript so it runs before any compiler or bundler is loaded.
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import os from "node:os";
import pino from "pino";
import { chooseRequestId, REQUEST_ID_HEADER, trustedProxyHops } from "../lib/log-request-id.mjs";

const PEER_HEADER = "x-convene-peer-address";
// Tells proxy.ts the id on the request is ours; any copy a client sent is replaced below.
const SOURCE_HEADER = "x-convene-request-id-source";
const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);
const EMAIL = /[^\s@/]+(?:@|%40)[^\s@/]+/gi;

const requestContext = new AsyncLocalStorage();
globalThis[Symbol.for("convene.request-context")] = requestContext;

// The same shape as lib/log.ts writes (ISO time, level by name), to stdout from this thread.
const level = process.env.LOG_LEVEL?.trim().toLowerCase();
const accessLog = pino({
  level: LEVELS.has(level) ? level : "info",
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  base: { pid: process.pid, hostname: os.hostname(), component: "http" },
});
const hops = trustedProxyHops(process.env.TRUSTED_PROXY_HOPS);

/** The path alone: a query may hold a token or an address, and a path segment an address someone typed. */
function routeOf(url) {
  const path = (url ?? "").split("?", 1)[0].split("#", 1)[0];
  return path.replace(EMAIL, "[email]").slice(0, 512);
}

const originalEmit = http.Server.prototype.emit;

http.Server.prototype.emit = function emit(event, request, response, ...rest) {
  if (event !== "request" || !request?.headers) return originalEmit.call(this, event, request, response, ...rest);
  request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
  const requestId = chooseRequestId(request.headers[REQUEST_ID_HEADER], hops);
  request.headers[REQUEST_ID_HEADER] = requestId;
  request.headers[SOURCE_HEADER] = "preload";
  response.setHeader(REQUEST_ID_HEADER, requestId);

  const context = { requestId };
  const started = process.hrtime.bigint();
  let logged = false;
  const line = (aborted) => {
    if (logged) return;
    logged = true;
    const fields = {
      requestId,
      method: request.method,
      route: routeOf(request.url),
      status: response.statusCode,
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
    };
    if (context.memberId) fields.memberId = context.memberId;
    if (aborted) fields.aborted = true;
    accessLog.info(fields, "request");
  };
  response.once("finish", () => line(false));
  // A client that hangs up before the answer is complete gets a line too, marked aborted.
  response.once("close", () => line(!response.writableFinished));
  return requestContext.run(context, () => originalEmit.call(this, event, request, response, ...rest));
};

globalThis[Symbol.for("convene.peer-address-preload")] = true;
