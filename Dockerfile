# Bridgework in a small image: build with the dev tools, run on plain Node with production packages only.
#   docker build -t bridgework .
#   docker run -p 3000:3000 -e APP_ENV=production -e PUBLIC_URL=https://… -e SESSION_SECRET=… \
#     -e DATABASE_URL=postgres://… bridgework
# Without DATABASE_URL it runs on PGlite in /data: mount a volume there.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
# What the server reads at run time: the bundle, built assets, migrations, page templates and packages.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/public/build ./public/build
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/src/views ./src/views
COPY --from=build /app/src/features ./src/features
RUN find src -type f ! -name '*.njk' -delete && mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM from `docker stop` lets requests and jobs in progress finish first.
CMD ["node", "--enable-source-maps", "dist/server.mjs"]
