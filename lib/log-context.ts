import type { AsyncLocalStorage } from "node:async_hooks";

/**
 * The per-request store scripts/peer-address.mjs opens around every request (under this
 * key on globalThis, so every Next bundle finds the same one). The access log line
 * reads memberId from it when the response finishes; log lines written during the
 * request carry its requestId. Without the preload (next dev, Vitest) there is no store
 * and both are simply absent.
 */
export type RequestContext = { requestId: string; memberId?: string };

const STORE_KEY = Symbol.for("convene.request-context");

export function currentRequest(): RequestContext | undefined {
  const storage = (globalThis as Record<symbol, unknown>)[STORE_KEY] as AsyncLocalStorage<RequestContext> | undefined;
  return storage?.getStore();
}

/** Called by viewer resolution: the access log names the member by id (never by email). */
export function noteRequestMember(memberId: string) {
  const context = currentRequest();
  if (context) context.memberId = memberId;
}
