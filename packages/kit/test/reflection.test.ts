import { create, createFileRegistry, fromBinary, type DescFile } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import {
  ServerReflection,
  type ServerReflectionRequest,
} from "@parley/proto/grpc/reflection/v1/reflection_pb";
import * as alpha from "@parley/proto/grpc/reflection/v1alpha/reflection_pb";
import { EchoService } from "@parley/proto/parley/echo/v1/echo_pb";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createGrpcClient, type GrpcClient } from "../src/index.js";
import { startEcho, type Started } from "./echo-fixture.js";

type Req =
  Parameters<GrpcClient<typeof ServerReflection>["serverReflectionInfo"]>[0] extends AsyncIterable<infer T>
    ? T
    : never;

async function ask(client: GrpcClient<typeof ServerReflection>, reqs: Req[]) {
  async function* source() {
    for (const r of reqs) yield await Promise.resolve(r);
  }
  const out = [];
  for await (const r of client.serverReflectionInfo(source())) out.push(r);
  return out;
}

describe("server reflection", () => {
  let s: Started;
  let client: GrpcClient<typeof ServerReflection>;
  before(async () => {
    s = await startEcho();
    client = createGrpcClient(ServerReflection, s.server.grpcAddress);
  });
  after(async () => {
    client.$close();
    await s.server.stop();
  });

  test("lists the bound, health and reflection services", async () => {
    const [r] = await ask(client, [{ messageRequest: { case: "listServices", value: "" } }]);
    assert.equal(r?.messageResponse.case, "listServicesResponse");
    const names = r.messageResponse.value.service.map((x) => x.name).sort();
    assert.deepEqual(names, [
      "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection",
      "parley.echo.v1.EchoService",
    ]);
  });

  test("returns a file descriptor by symbol (service and method) and by file name, usable to rebuild types", async () => {
    const [bySvc, byMethod, byName, again] = await ask(client, [
      { messageRequest: { case: "fileContainingSymbol", value: "parley.echo.v1.EchoService" } },
      { messageRequest: { case: "fileContainingSymbol", value: "parley.echo.v1.EchoService.EchoStream" } },
      { messageRequest: { case: "fileByFilename", value: "grpc/health/v1/health.proto" } },
      { messageRequest: { case: "fileContainingSymbol", value: "parley.echo.v1.EchoRequest" } },
    ]);
    for (const r of [bySvc, byMethod, byName, again])
      assert.equal(r?.messageResponse.case, "fileDescriptorResponse");
    assert.ok(bySvc?.messageResponse.case === "fileDescriptorResponse");
    const files = bySvc.messageResponse.value.fileDescriptorProto.map((b) =>
      fromBinary(FileDescriptorProtoSchema, b),
    );
    assert.equal(files[0]?.name, "parley/echo/v1/echo.proto");
    const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: files }));
    const svc = registry.getService("parley.echo.v1.EchoService");
    assert.deepEqual(
      svc?.methods.map((m) => m.name),
      ["Echo", "EchoStream"],
    );
    const file: DescFile | undefined = registry.getFile("parley/echo/v1/echo.proto");
    assert.equal(file?.messages.length, EchoService.file.messages.length);
  });

  test("unknown symbols and files get NOT_FOUND error responses; the stream stays usable", async () => {
    const reqs: ServerReflectionRequest["messageRequest"][] = [
      { case: "fileContainingSymbol", value: "no.such.Symbol" },
      { case: "fileByFilename", value: "no/such.proto" },
      { case: "listServices", value: "" },
    ];
    const out = await ask(
      client,
      reqs.map((messageRequest) => ({ messageRequest })),
    );
    assert.equal(out[0]?.messageResponse.case, "errorResponse");
    assert.equal(out[0].messageResponse.value.errorCode, 5);
    assert.equal(out[1]?.messageResponse.case, "errorResponse");
    assert.equal(out[2]?.messageResponse.case, "listServicesResponse");
  });

  test("v1alpha answers the same questions", async () => {
    const old = createGrpcClient(alpha.ServerReflection, s.server.grpcAddress);
    try {
      async function* one() {
        yield await Promise.resolve({
          host: "h",
          messageRequest: { case: "listServices" as const, value: "*" },
        });
      }
      const out = [];
      for await (const r of old.serverReflectionInfo(one())) out.push(r);
      assert.equal(out[0]?.validHost, "h");
      assert.equal(out[0]?.messageResponse.case, "listServicesResponse");
    } finally {
      old.$close();
    }
  });
});
