// Preloaded by `npm start` (node --import ./scripts/peer-address.mjs ...), before Next creates
// its HTTP server. Route handlers and server actions see headers, never the socket, so this
// copies the socket's address into a header of our own on every request, overwriting any
// header of that name a client sent. lib/request-ip.ts reads it when TRUSTED_PROXY_HOPS is 0.
// Plain JavaScript so it runs before any compiler or bundler is loaded.
import http from "node:http";

const HEADER = "x-convene-peer-address";
const originalEmit = http.Server.prototype.emit;

http.Server.prototype.emit = function emit(event, request, ...rest) {
  if (event === "request" && request?.headers) {
    request.headers[HEADER] = request.socket?.remoteAddress ?? "";
  }
  return originalEmit.call(this, event, request, ...rest);
};

globalThis[Symbol.for("convene.peer-address-preload")] = true;
