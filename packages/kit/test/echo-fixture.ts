/**
 * The EchoService fixture every kit test serves: behaviour is steered by the `x-test-mode` request header so
 * the same handlers exercise success, errors, slowness and cancellation on both adapters.
 */
import { EchoService } from "@parley/proto/parley/echo/v1/echo_pb";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import {
  bindService,
  Code,
  createLogger,
  loadServerConfig,
  ServiceError,
  startServer,
  type CallContext,
  type RunningServer,
  type ServerConfig,
  type ServerOptions,
} from "../src/index.js";

export interface CallFacts {
  service: string;
  method: string;
  protocol: string;
  peer: string;
  deadline: number | undefined;
  requestId: string | undefined;
  certSubject: string | undefined;
}

export interface EchoProbe {
  /** Stream messages the handler has produced so far (back-pressure checks). */
  produced: number;
  /** Signals seen by slow handlers, to check cancellation reaches them. */
  aborted: string[];
  /** What handlers saw of each call, newest last (read during the call: some facts end with it). */
  calls: CallFacts[];
  logs: Record<string, unknown>[];
}

async function behave(ctx: CallContext, probe: EchoProbe): Promise<void> {
  probe.calls.push({
    service: ctx.service,
    method: ctx.method,
    protocol: ctx.protocol,
    peer: ctx.peer,
    deadline: ctx.deadline,
    requestId: ctx.header("x-request-id"),
    certSubject: ctx.peerCertificate?.subject,
  });
  const mode = ctx.header("x-test-mode");
  if (mode === "service-error") {
    throw new ServiceError(Code.FailedPrecondition, "log is frozen", {
      cause: new Error("disk quota"),
      details: { "retry-after-ms": "250" },
    });
  }
  if (mode === "plain-error") throw new Error("db password hunter2 rejected");
  if (mode?.startsWith("slow:") === true) await sleep(Number(mode.slice(5)));
  if (mode === "wait-signal") {
    await new Promise<void>((resolve) =>
      ctx.signal.addEventListener("abort", () => resolve(), { once: true }),
    );
    probe.aborted.push(String((ctx.signal.reason as Error).name));
    throw ctx.signal.reason;
  }
}

export function echoBinding(probe: EchoProbe) {
  return bindService(EchoService, {
    async echo(req, ctx) {
      await behave(ctx, probe);
      return { payload: req.payload };
    },
    async *echoStream(req, ctx) {
      await behave(ctx, probe);
      for (let i = 0; i < req.count; i++) {
        probe.produced++;
        yield { payload: req.payload, sequence: i };
      }
    },
  });
}

/** A log sink that keeps parsed JSON lines. */
export function logSink(into: Record<string, unknown>[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line !== "") into.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
}

export interface Started {
  server: RunningServer;
  probe: EchoProbe;
}

/** Starts an echo server on loopback ports chosen by the OS. */
export async function startEcho(
  config: Partial<ServerConfig> = {},
  extra: Partial<ServerOptions> = {},
): Promise<Started> {
  const probe: EchoProbe = { produced: 0, aborted: [], calls: [], logs: [] };
  const base = loadServerConfig(
    "ECHO",
    {},
    { grpcAddr: "127.0.0.1:0", httpAddr: "127.0.0.1:0", adminAddr: "127.0.0.1:0" },
  );
  const server = await startServer({
    name: "echo",
    config: { ...base, shutdownGraceMs: 2000, ...config },
    services: [echoBinding(probe)],
    logger: createLogger({ service: "echo", level: "debug", stream: logSink(probe.logs) }),
    ...extra,
  });
  return { server, probe };
}

export const MODE = (mode: string): { headers: Record<string, string> } => ({
  headers: { "x-test-mode": mode },
});

/** Polls `cond` until it holds or `ms` pass; for effects that land on the server after the client returns. */
export async function eventually(cond: () => boolean, ms = 1000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) return false;
    await sleep(10);
  }
  return true;
}
