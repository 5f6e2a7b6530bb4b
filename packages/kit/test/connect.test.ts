import { ConnectError } from "@connectrpc/connect";
import { EchoService } from "@parley/proto/parley/echo/v1/echo_pb";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  Code,
  createConnectClient,
  INTERNAL_MESSAGE,
  type HttpRequest,
  type HttpResponse,
} from "../src/index.js";
import { eventually, MODE, startEcho, type Started } from "./echo-fixture.js";

async function connectFailure(p: Promise<unknown>): Promise<ConnectError> {
  try {
    await p;
  } catch (err) {
    return ConnectError.from(err);
  }
  assert.fail("call succeeded but should have failed");
}

function tiles(req: HttpRequest, res: HttpResponse): boolean {
  if (req.url !== "/tile/0/000") return false;
  res.writeHead(200, { "content-type": "application/octet-stream" });
  res.end(Buffer.from([1, 2, 3]));
  return true;
}

for (const protocol of ["connect", "grpc-web"] as const) {
  describe(`Connect adapter (${protocol})`, () => {
    let s: Started;
    let base: string;
    before(async () => {
      s = await startEcho({ maxRecvBytes: 64 * 1024 }, { http: tiles });
      base = `http://${s.server.httpAddress ?? "missing"}`;
    });
    after(() => s.server.stop());

    test("unary echo through the same handlers, with headers and deadline", async () => {
      const client = createConnectClient(EchoService, base, { protocol });
      const payload = new Uint8Array(2048).fill(9);
      const res = await client.echo({ payload }, { headers: { "x-request-id": "c1" }, timeoutMs: 4000 });
      assert.deepEqual(res.payload, payload);
      const call = s.probe.calls.at(-1);
      assert.equal(call?.protocol, protocol);
      assert.equal(call?.requestId, "c1");
      assert.ok(call?.deadline !== undefined && call.deadline > Date.now());
    });

    test("server streaming", async () => {
      const client = createConnectClient(EchoService, base, { protocol });
      const seen: number[] = [];
      for await (const m of client.echoStream({ payload: new Uint8Array(4096), count: 20 }))
        seen.push(m.sequence);
      assert.deepEqual(seen, [...Array(20).keys()]);
    });

    test("ServiceError code, message and details; INTERNAL hides plain errors", async () => {
      const client = createConnectClient(EchoService, base, { protocol });
      const e1 = await connectFailure(client.echo({}, MODE("service-error")));
      assert.equal(e1.code, Code.FailedPrecondition);
      assert.equal(e1.rawMessage, "log is frozen");
      assert.equal(e1.metadata.get("retry-after-ms"), "250");
      const e2 = await connectFailure(client.echo({}, MODE("plain-error")));
      assert.equal(e2.code, Code.Internal);
      assert.equal(e2.rawMessage, INTERNAL_MESSAGE);
    });

    test("request above the size limit is RESOURCE_EXHAUSTED", async () => {
      const client = createConnectClient(EchoService, base, { protocol });
      const err = await connectFailure(client.echo({ payload: new Uint8Array(65 * 1024) }));
      assert.equal(err.code, Code.ResourceExhausted);
    });

    test("deadline exceeded reaches the handler's signal", async () => {
      const client = createConnectClient(EchoService, base, { protocol });
      s.probe.aborted.length = 0;
      const err = await connectFailure(client.echo({}, { ...MODE("wait-signal"), timeoutMs: 100 }));
      assert.equal(err.code, Code.DeadlineExceeded);
      assert.ok(await eventually(() => s.probe.aborted.length === 1), "handler signal never aborted");
    });

    test("extra HTTP routes are served next to RPCs; unknown paths get 404", async () => {
      const tile = await fetch(`${base}/tile/0/000`);
      assert.equal(tile.status, 200);
      assert.deepEqual(new Uint8Array(await tile.arrayBuffer()), new Uint8Array([1, 2, 3]));
      const missing = await fetch(`${base}/tile/9/999`);
      assert.equal(missing.status, 404);
    });
  });
}
