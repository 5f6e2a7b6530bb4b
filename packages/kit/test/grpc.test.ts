import { EchoService } from "@parley/proto/parley/echo/v1/echo_pb";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Code, createGrpcClient, INTERNAL_MESSAGE, type GrpcClient } from "../src/index.js";
import { eventually, MODE, startEcho, type Started } from "./echo-fixture.js";

interface GrpcFailure {
  code: Code;
  details: string;
  metadata: { get(key: string): unknown[] };
}

async function failure(p: Promise<unknown>): Promise<GrpcFailure> {
  try {
    await p;
  } catch (err) {
    return err as GrpcFailure;
  }
  assert.fail("call succeeded but should have failed");
}

describe("grpc-js adapter", () => {
  let s: Started;
  let client: GrpcClient<typeof EchoService>;
  before(async () => {
    s = await startEcho({ maxRecvBytes: 64 * 1024 });
    client = createGrpcClient(EchoService, s.server.grpcAddress);
  });
  after(async () => {
    client.$close();
    await s.server.stop();
  });

  test("unary echo returns the payload and exposes call facts to the handler", async () => {
    const payload = new Uint8Array(1024).fill(7);
    const res = await client.echo({ payload }, { headers: { "x-request-id": "r1" }, timeoutMs: 5000 });
    assert.deepEqual(res.payload, payload);
    const call = s.probe.calls.at(-1);
    assert.ok(call);
    assert.equal(call.service, "parley.echo.v1.EchoService");
    assert.equal(call.method, "Echo");
    assert.equal(call.protocol, "grpc");
    assert.equal(call.requestId, "r1");
    assert.match(call.peer, /127\.0\.0\.1/);
    assert.ok(call.deadline !== undefined && call.deadline > Date.now() && call.deadline < Date.now() + 5000);
    assert.equal(call.certSubject, undefined);
  });

  test("server streaming delivers every message in order", async () => {
    const seen: number[] = [];
    for await (const m of client.echoStream({ payload: new Uint8Array(3), count: 50 })) seen.push(m.sequence);
    assert.deepEqual(seen, [...Array(50).keys()]);
  });

  test("server streaming stops producing while the client does not read (back-pressure)", async () => {
    s.probe.produced = 0;
    const ac = new AbortController();
    const total = 20_000;
    const stream = client.echoStream(
      { payload: new Uint8Array(16 * 1024), count: total },
      { signal: ac.signal },
    );
    const it = stream[Symbol.asyncIterator]();
    assert.equal((await it.next()).done, false);
    await sleep(300);
    const stalled = s.probe.produced;
    await sleep(200);
    assert.ok(stalled < total / 4, `handler ran ahead of the reader: produced ${stalled} of ${total}`);
    assert.equal(s.probe.produced, stalled, "handler kept producing while the stream was full");
    ac.abort();
    await it.return?.();
  });

  test("ServiceError keeps its code, message and details on the wire; the cause stays in the log", async () => {
    const err = await failure(client.echo({ payload: new Uint8Array(1) }, MODE("service-error")));
    assert.equal(err.code, Code.FailedPrecondition);
    assert.equal(err.details, "log is frozen");
    assert.deepEqual(err.metadata.get("retry-after-ms"), ["250"]);
    const warn = s.probe.logs.find((l) => l["msg"] === "handler error");
    assert.ok(warn, "cause of a ServiceError is logged");
    assert.match(JSON.stringify(warn), /disk quota/);
  });

  test("a plain Error becomes INTERNAL without leaking its message", async () => {
    const err = await failure(client.echo({ payload: new Uint8Array(1) }, MODE("plain-error")));
    assert.equal(err.code, Code.Internal);
    assert.equal(err.details, INTERNAL_MESSAGE);
    assert.doesNotMatch(err.details, /hunter2/);
    assert.ok(s.probe.logs.some((l) => l["level"] === "error" && JSON.stringify(l).includes("hunter2")));
  });

  test("errors thrown mid-stream reach the client with their code", async () => {
    const err = await failure(
      (async () => {
        for await (const _ of client.echoStream(
          { payload: new Uint8Array(1), count: 1 },
          MODE("service-error"),
        ));
      })(),
    );
    assert.equal(err.code, Code.FailedPrecondition);
  });

  test("a request above max receive size is refused with RESOURCE_EXHAUSTED", async () => {
    const err = await failure(client.echo({ payload: new Uint8Array(65 * 1024) }));
    assert.equal(err.code, Code.ResourceExhausted);
  });

  test("deadline exceeded: the client sees DEADLINE_EXCEEDED and the handler's signal aborts", async () => {
    s.probe.aborted.length = 0;
    const err = await failure(
      client.echo({ payload: new Uint8Array(1) }, { ...MODE("wait-signal"), timeoutMs: 100 }),
    );
    assert.equal(err.code, Code.DeadlineExceeded);
    assert.ok(await eventually(() => s.probe.aborted.length > 0));
    assert.deepEqual(s.probe.aborted, ["TimeoutError"]);
  });

  test("client cancellation aborts the handler's signal", async () => {
    s.probe.aborted.length = 0;
    const ac = new AbortController();
    const call = client.echo({ payload: new Uint8Array(1) }, { ...MODE("wait-signal"), signal: ac.signal });
    await sleep(100);
    ac.abort();
    const err = await failure(call);
    assert.equal(err.code, Code.Canceled);
    assert.ok(await eventually(() => s.probe.aborted.length > 0));
    assert.deepEqual(s.probe.aborted, ["AbortError"]);
  });

  test("the access log line is written at debug with the status code name", async () => {
    await client.echo({ payload: new Uint8Array(1) });
    const line = s.probe.logs.findLast((l) => l["msg"] === "call");
    assert.ok(line);
    assert.equal(line["code"], "OK");
    assert.equal(line["grpc_method"], "Echo");
    assert.equal(line["level"], "debug");
  });
});
