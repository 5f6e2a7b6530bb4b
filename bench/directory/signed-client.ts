/** A bench client's signed calls to the directory (docs/identity.md signed requests). */
import { create, toBinary, type DescMessage, type MessageInitShape } from "@bufbuild/protobuf";
import { signRequest } from "@parley/identity";
import type { GrpcClient } from "@parley/kit";
import { nodeProvider } from "@parley/mls";
import {
  ClaimKeyPackagesRequestSchema,
  PublishKeyPackagesRequestSchema,
  type DirectoryService,
} from "@parley/proto/parley/directory/v1/directory_pb.js";
import { SUITE, type BenchClient } from "./generate.js";

const SERVICE = "/parley.directory.v1.DirectoryService/";

function headers<S extends DescMessage>(
  c: BenchClient,
  method: string,
  schema: S,
  init: MessageInitShape<S>,
) {
  return signRequest({
    method: SERVICE + method,
    body: toBinary(schema, create(schema, init)),
    credential: c.credential,
    signatureKey: c.keyPair.publicKey,
    privateKey: c.keyPair.privateKey,
    signatureScheme: nodeProvider.suite(SUITE).signatureScheme,
  });
}

export function publish(grpc: GrpcClient<typeof DirectoryService>, c: BenchClient) {
  const req = { keyPackages: c.keyPackages };
  return grpc.publishKeyPackages(req, {
    headers: headers(c, "PublishKeyPackages", PublishKeyPackagesRequestSchema, req),
  });
}

export function claimUser(grpc: GrpcClient<typeof DirectoryService>, c: BenchClient, userId: string) {
  const req = { target: { case: "userId" as const, value: userId }, cipherSuite: SUITE };
  return grpc.claimKeyPackages(req, {
    headers: headers(c, "ClaimKeyPackages", ClaimKeyPackagesRequestSchema, req),
  });
}
