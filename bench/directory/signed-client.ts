/** A bench client's signed calls to the directory (docs/identity.md signed requests). */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { signedHeaders } from "@parley/client";
import type { GrpcClient } from "@parley/kit";
import { nodeProvider } from "@parley/mls";
import { DirectoryService } from "@parley/proto/parley/directory/v1/directory_pb.js";
import { SUITE, type BenchClient } from "./generate.js";

type DirectoryMethod = (typeof DirectoryService.method)[keyof typeof DirectoryService.method];

function headers<M extends DirectoryMethod>(
  c: BenchClient,
  method: M,
  request: MessageInitShape<M["input"]>,
) {
  const keys = { ...c.keyPair, signatureScheme: nodeProvider.suite(SUITE).signatureScheme };
  return signedHeaders(method, request, c.credential, keys);
}

export function publish(grpc: GrpcClient<typeof DirectoryService>, c: BenchClient) {
  const req = { keyPackages: c.keyPackages };
  return grpc.publishKeyPackages(req, {
    headers: headers(c, DirectoryService.method.publishKeyPackages, req),
  });
}

export function claimUser(grpc: GrpcClient<typeof DirectoryService>, c: BenchClient, userId: string) {
  const req = { target: { case: "userId" as const, value: userId }, cipherSuite: SUITE };
  return grpc.claimKeyPackages(req, {
    headers: headers(c, DirectoryService.method.claimKeyPackages, req),
  });
}
