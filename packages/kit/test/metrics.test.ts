import { EchoService } from "@parley/proto/parley/echo/v1/echo_pb";
import assert from "node:assert/strict";
import { test } from "node:test";
import { Counter, Registry } from "prom-client";
import { createConnectClient, createGrpcClient } from "../src/index.js";
import { MODE, startEcho } from "./echo-fixture.js";

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(name + "{")) continue;
    const inside = line.slice(name.length + 1, line.indexOf("}"));
    const parts = inside.split(",");
    if (want.every((w) => parts.includes(w))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

test("/metrics reports started/handled by code, latency and messages for both adapters; /healthz answers", async () => {
  const registry = new Registry();
  const own = new Counter({
    name: "echo_custom_total",
    help: "a service's own metric",
    registers: [registry],
  });
  own.inc(3);
  const { server } = await startEcho({}, { registry });
  const grpc = createGrpcClient(EchoService, server.grpcAddress);
  const connect = createConnectClient(EchoService, `http://${server.httpAddress ?? ""}`);
  try {
    await grpc.echo({ payload: new Uint8Array(1) });
    await grpc.echo({ payload: new Uint8Array(1) });
    await connect.echo({ payload: new Uint8Array(1) });
    await assert.rejects(grpc.echo({}, MODE("service-error")));
    for await (const _ of grpc.echoStream({ count: 5 }));
    const res = await fetch(`http://${server.adminAddress ?? ""}/metrics`);
    assert.equal(res.status, 200);
    const text = await res.text();
    const echo = { grpc_service: "parley.echo.v1.EchoService", grpc_method: "Echo", grpc_type: "unary" };
    assert.equal(sample(text, "grpc_server_started_total", echo), 4);
    assert.equal(sample(text, "grpc_server_handled_total", { ...echo, grpc_code: "OK" }), 3);
    assert.equal(sample(text, "grpc_server_handled_total", { ...echo, grpc_code: "FAILED_PRECONDITION" }), 1);
    assert.equal(sample(text, "grpc_server_handling_seconds_count", echo), 4);
    assert.equal(sample(text, "grpc_server_handling_seconds_bucket", { ...echo, le: "+Inf" }), 4);
    const stream = {
      grpc_service: "parley.echo.v1.EchoService",
      grpc_method: "EchoStream",
      grpc_type: "server_stream",
    };
    assert.equal(sample(text, "grpc_server_msg_sent_total", stream), 5);
    assert.equal(sample(text, "grpc_server_msg_received_total", stream), 1);
    assert.match(text, /^echo_custom_total 3$/m);
    assert.match(text, /^process_cpu_user_seconds_total /m);
    assert.equal((await fetch(`http://${server.adminAddress ?? ""}/healthz`)).status, 200);
    assert.equal((await fetch(`http://${server.adminAddress ?? ""}/nope`)).status, 404);
  } finally {
    grpc.$close();
    await server.stop();
  }
});

test("two servers in one process keep separate registries", async () => {
  const a = await startEcho();
  const b = await startEcho();
  const client = createGrpcClient(EchoService, a.server.grpcAddress);
  try {
    await client.echo({});
    const echo = { grpc_service: "parley.echo.v1.EchoService", grpc_method: "Echo", grpc_type: "unary" };
    assert.equal(sample(await a.server.registry.metrics(), "grpc_server_started_total", echo), 1);
    assert.equal(sample(await b.server.registry.metrics(), "grpc_server_started_total", echo), 0);
  } finally {
    client.$close();
    await a.server.stop();
    await b.server.stop();
  }
});
