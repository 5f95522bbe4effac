# The server (default) or the SQS worker, from the same image:
#   docker build -t cvt-whatsapp .
#   docker run -p 3000:3000 -v cvt-data:/data --env-file .env cvt-whatsapp
#   docker run --env-file .env cvt-whatsapp node dist/worker/main.mjs
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY assets ./assets
RUN node scripts/build.ts --target server --target worker

# The bundles carry their dependencies: the runtime image needs Node and dist/ only.
FROM node:24-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/worker ./dist/worker
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM stops taking work and finishes what is in flight.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server/main.mjs"]
