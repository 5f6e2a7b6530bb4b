import { Health, HealthCheckResponse_ServingStatus as S } from "@parley/proto/grpc/health/v1/health_pb";
import { EchoService } from "@parley/proto/parley/echo/v1/echo_pb";
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Code, createConnectClient, createGrpcClient, ServingStatus } from "../src/index.js";
import { MODE, startEcho } from "./echo-fixture.js";

test("health Check per service and overall, NOT_FOUND for unknown names, on both adapters", async () => {
  const { server } = await startEcho();
  const grpc = createGrpcClient(Health, server.grpcAddress);
  const connect = createConnectClient(Health, `http://${server.httpAddress ?? ""}`);
  try {
    assert.equal((await grpc.check({ service: "" })).status, S.SERVING);
    assert.equal((await grpc.check({ service: EchoService.typeName })).status, S.SERVING);
    assert.equal((await connect.check({ service: EchoService.typeName })).status, S.SERVING);
    await assert.rejects(
      grpc.check({ service: "nope.v1.Nope" }),
      (e: { code: Code }) => e.code === Code.NotFound,
    );
    server.health.setStatus(EchoService.typeName, ServingStatus.NOT_SERVING);
    assert.equal((await grpc.check({ service: EchoService.typeName })).status, S.NOT_SERVING);
    const ready = await fetch(`http://${server.adminAddress ?? ""}/readyz`);
    assert.equal(ready.status, 200, "overall status still SERVING");
  } finally {
    grpc.$close();
    await server.stop();
  }
});

test("Watch streams changes, SERVICE_UNKNOWN for unknown names, and NOT_SERVING when shutdown begins", async () => {
  const { server } = await startEcho({ shutdownGraceMs: 3000 });
  const grpc = createGrpcClient(Health, server.grpcAddress);
  const echo = createGrpcClient(EchoService, server.grpcAddress);
  try {
    const seen: S[] = [];
    const watching = (async () => {
      for await (const r of grpc.watch({ service: "" })) seen.push(r.status);
    })();
    const unknown = grpc.watch({ service: "nope.v1.Nope" })[Symbol.asyncIterator]();
    const first = await unknown.next();
    assert.ok(first.done !== true);
    assert.equal(first.value.status, S.SERVICE_UNKNOWN);
    await sleep(50);
    // Keep a call in flight so shutdown has something to drain while readiness is already off.
    const slow = echo.echo({ payload: new Uint8Array(1) }, MODE("slow:400"));
    await sleep(50);
    const stopping = server.stop();
    await sleep(100);
    const ready = await fetch(`http://${server.adminAddress ?? ""}/readyz`);
    assert.equal(ready.status, 503, "readyz turns 503 as soon as shutdown begins");
    await slow;
    await stopping;
    await watching;
    assert.deepEqual(seen, [S.SERVING, S.NOT_SERVING]);
  } finally {
    grpc.$close();
    echo.$close();
  }
});
