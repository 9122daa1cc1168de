# One image for both processes: `node dist/apps/api/src/main.js` or `.../worker/src/main.js`.
# Node 20 on Debian bookworm, pinned by version and digest.
FROM node:20.20.2-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20.20.2-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0
ENV NODE_ENV=production
# pg_dump and pg_restore of the server's major version (PostgreSQL 15, as the compose file runs):
# the worker's nightly backup and `npm run restore`.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client-15 \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# BACKUP_DIR's default, owned by the user the apps run as: the compose file mounts a volume here.
RUN mkdir -p var/backups && chown node:node var/backups
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/drizzle ./drizzle
# The fonts PDFs are set in (certificates, statements), found by the code beside the build.
COPY --from=build /app/libs/pdf/fonts ./libs/pdf/fonts
COPY package.json ./
USER node
EXPOSE 3000
# The API's heap ceiling, as scripts/api-process.js says why.
CMD ["node", "--max-old-space-size=256", "dist/apps/api/src/main.js"]
