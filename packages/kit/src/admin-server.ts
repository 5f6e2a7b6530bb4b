/**
 * The admin port: plain HTTP for Prometheus and orchestrators, kept apart from the RPC ports so that scrapes
 * and probes never compete with client traffic or need client certificates.
 * `/healthz` is liveness (the process answers), `/readyz` is readiness (overall health status is SERVING,
 * so it turns 503 as soon as shutdown begins), `/metrics` is the server's own prom-client registry.
 */
import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";
import type { HealthReporter } from "./health.js";
import type { Logger } from "./logger.js";

export function createAdminServer(registry: Registry, health: HealthReporter, log: Logger): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    switch (path) {
      case "/healthz":
        res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
        return;
      case "/readyz": {
        const ready = health.ready;
        res
          .writeHead(ready ? 200 : 503, { "content-type": "text/plain" })
          .end(ready ? "ready\n" : "not ready\n");
        return;
      }
      case "/metrics":
        registry.metrics().then(
          (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
          (err: unknown) => {
            log.error("metrics collection failed", { err });
            res.writeHead(500).end();
          },
        );
        return;
      default:
        res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    }
  });
}
