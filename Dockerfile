# syntax=docker/dockerfile:1
# One image for every Convene process: the web server (default command), the worker
# (node dist/worker.mjs) and the calendar-reply receiver (node dist/mail-in.mjs).
# Build: docker build -t convene .    Run: see compose.yaml and the README's "Running in production".

ARG NODE_IMAGE=node:24-bookworm-slim

# Dependencies alone, so a change to the source reuses these layers: everything for the build,
# and the production dependencies alone for the image that runs.
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npx next build && node scripts/build-worker.mjs

# The image runs `next start`, as `npm start` and every test do, not Next's standalone server.js:
# standalone answered visitor pages with 404 (the proxy's rewrite to the cached twin ran twice),
# and it freezes next.config.ts at build time, so REDIS_URL could not choose the cache at start-up.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
# Files stay root's and read-only for the app; only the embedded database's folder (unused
# with DATABASE_URL) and Next's cache folder are the app user's.
# The source (next.config.ts and what it imports, lib/ for the preload and the cache handler,
# db/migrations read at start-up, scripts/), then the production dependencies, the build and the bundles.
COPY . .
COPY --from=prod-deps /src/node_modules ./node_modules
COPY --from=build /src/.next ./.next
COPY --from=build /src/dist ./dist
RUN rm -rf .next/cache && mkdir -p .data .next/cache && chown node:node .data .next/cache
USER node
EXPOSE 3000
# Liveness only: /api/health/live answers while the process serves requests, the database aside.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exactly `npm start`: the preload gives the per-IP limits the socket address and the logs their request ids, the heap stays small.
CMD ["node", "--max-old-space-size=320", "--import", "./scripts/peer-address.mjs", "node_modules/next/dist/bin/next", "start"]
