# syntax=docker/dockerfile:1
# One image for every Convene process: the web server (default command), the worker
# (node dist/worker.mjs) and the calendar-reply receiver (node dist/mail-in.mjs).
# Build: docker build -t convene .    Run: see compose.yaml and the README's "Running in production".

ARG NODE_IMAGE=node:24-bookworm-slim

# Dependencies alone, so a change to the source reuses this layer.
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# next.config.ts turns on the self-contained server (.next/standalone) only when asked, so `npm start` is unchanged.
# The standalone server keeps the configuration it was built with, so the Redis cache handler is built in here;
# it reads REDIS_URL when the container starts (and, without one, caches nothing across requests and says so).
ENV NEXT_OUTPUT=standalone CONVENE_CACHE_HANDLER=redis NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npx next build && node scripts/build-worker.mjs

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# HOSTNAME: Docker sets it to the container id, and the standalone server listens on it; 0.0.0.0 takes every interface.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# Files stay root's and read-only for the app; only the embedded database's folder (unused
# with DATABASE_URL) and Next's cache folder are the app user's.
COPY --from=build /src/.next/standalone ./
COPY --from=build /src/.next/static ./.next/static
# (There is no public/ folder; if one is added, copy it to ./public here: the standalone server does not.)
# db/migrate.ts reads the SQL migrations from ./db/migrations at start-up.
COPY --from=build /src/db/migrations ./db/migrations
COPY --from=build /src/dist ./dist
COPY --from=build /src/scripts/peer-address.mjs /src/scripts/cloud-gov-env.mjs ./scripts/
RUN mkdir -p .data .next/cache && chown node:node .data .next/cache
USER node
EXPOSE 3000
# Liveness only: /api/health/live answers while the process serves requests, the database aside.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# As `npm start`: the preload gives the per-IP limits the socket address, and the heap stays small.
CMD ["node", "--max-old-space-size=320", "--import", "./scripts/peer-address.mjs", "server.js"]
