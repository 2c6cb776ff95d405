import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";
import { BASE_HEADERS_SOURCE, baseSecurityHeaders } from "./lib/security/headers";

// `npm run bench` builds into its own folder, with one page more (bench/static-page.tsx, copied
// into pages/ for that build only): the framework's ceiling to compare with.
const benchBuild = process.env.CONVENE_BENCH_BUILD === "1";

// With REDIS_URL (read when `next start` loads this file), the data cache and visitor pages live in Redis, shared
// by every instance, so an edit's tag expiry reaches all of them on their next request. No LRU of Next's
// (cacheMaxMemorySize 0): a copy it kept would outlive an expiry made on another instance; the handler's own
// copies are checked against Redis's tag times on every read. Without REDIS_URL, nothing changes.
const redisCache = process.env.REDIS_URL
  ? { cacheHandler: fileURLToPath(new URL("./lib/cache/redis-cache-handler.mjs", import.meta.url)), cacheMaxMemorySize: 0 }
  : {};

const nextConfig: NextConfig = {
  ...(benchBuild ? { distDir: ".next-bench" } : {}),
  ...redisCache,
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  // The calendar-reply receiver (lib/mail/inbound.ts) runs in the server process when MAIL_IN_URL is set: plain Node packages.
  serverExternalPackages: ["@electric-sql/pglite", "smtp-server", "mailparser"],
  poweredByHeader: false,
  // `npm test` and CI run `tsc --noEmit` first; checking again inside every build only costs time.
  typescript: { ignoreBuildErrors: true },
  // No page needs image optimization; unoptimized images and no allowed sources keep /_next/image from fetching anything.
  images: { unoptimized: true, remotePatterns: [], localPatterns: [] },
  // forbidden() answers a member who asks for an organizer page with a real 403 (authInterrupts).
  // Cached pages and data live in memory only (an LRU of cacheMaxMemorySize, 50 MB by default):
  // a visitor asking for made-up event addresses must not be able to fill the disk with cached 404s.
  experimental: { authInterrupts: true, isrFlushToDisk: false },
  // NextRequest otherwise rewrites 127.0.0.1 and [::1] to "localhost" in request.url, so with
  // AUTH_URL=http://127.0.0.1:3000 Auth.js redirected to localhost and the CSP's form-action
  // blocked the sign-in without a word (issue 14, item 3). Links, redirects and CSP share one origin.
  skipProxyUrlNormalize: true,
  // Not on route handlers that set their own (OWN_HEADER_ROUTES): Next would send these instead of theirs.
  async headers() {
    return [
      { source: BASE_HEADERS_SOURCE, headers: baseSecurityHeaders({ production: process.env.NODE_ENV === "production" }) },
      // surveys: the answer page's address holds its token; the later entry wins, so no Referer ever carries it away.
      { source: "/survey/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
};

export default nextConfig;
