# One image for every Parley service; the Kubernetes manifests pick the service by its entry file
# (e.g. args: ["services/keylog/src/main.ts"]). Not built in CI: this machine has no Docker engine.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages ./packages
COPY services ./services
RUN npm ci --no-audit --no-fund && npm cache clean --force
USER 10001
ENTRYPOINT ["node", "--import", "tsx"]
