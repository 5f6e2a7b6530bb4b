import { EchoService } from "@parley/proto/parley/echo/v1/echo_pb";
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Code, createConnectClient, createGrpcClient } from "../src/index.js";
import { eventually, MODE, startEcho } from "./echo-fixture.js";

test("stop() drains in-flight calls on both adapters, refuses new ones, then runs onShutdown", async () => {
  const order: string[] = [];
  const { server } = await startEcho(
    {},
    { onShutdown: () => Promise.resolve(void order.push("onShutdown")) },
  );
  const grpc = createGrpcClient(EchoService, server.grpcAddress);
  const connect = createConnectClient(EchoService, `http://${server.httpAddress ?? ""}`);
  try {
    // Connections first, so the drain below is about calls, not about channels still connecting.
    await grpc.echo({});
    await connect.echo({});
    const a = grpc
      .echo({ payload: new Uint8Array([1]) }, MODE("slow:300"))
      .then((r) => (order.push("grpc"), r));
    const b = connect
      .echo({ payload: new Uint8Array([2]) }, MODE("slow:300"))
      .then((r) => (order.push("connect"), r));
    await sleep(100);
    const stopped = server.stop().then(() => order.push("stopped"));
    await sleep(50);
    await assert.rejects(grpc.echo({}), (e: { code: Code }) => e.code === Code.Unavailable);
    assert.deepEqual((await a).payload, new Uint8Array([1]));
    assert.deepEqual((await b).payload, new Uint8Array([2]));
    await stopped;
    assert.deepEqual(order.slice(-2), ["onShutdown", "stopped"]);
    assert.equal(order.length, 4);
  } finally {
    grpc.$close();
  }
});

test("calls still running when the grace period ends are cancelled through ctx.signal", async () => {
  const { server, probe } = await startEcho({ shutdownGraceMs: 200 });
  const grpc = createGrpcClient(EchoService, server.grpcAddress);
  try {
    const stuck = grpc.echo({}, MODE("wait-signal")).catch((e: unknown) => e);
    await sleep(50);
    const t0 = Date.now();
    await server.stop();
    assert.ok(Date.now() - t0 < 2000, "stop() is bounded by the grace period");
    assert.ok(await eventually(() => probe.aborted.length === 1));
    assert.equal(probe.aborted[0], "AbortError");
    assert.ok((await stuck) instanceof Error);
  } finally {
    grpc.$close();
  }
});
