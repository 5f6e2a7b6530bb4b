import type { MessageInitShape } from "@bufbuild/protobuf";
import { toHex } from "@parley/codec";
import { Code, ServiceError, type CallContext } from "@parley/kit";
import {
  ClaimKeyPackagesRequestSchema,
  type ClaimKeyPackagesRequest,
  type ClaimKeyPackagesResponseSchema,
} from "@parley/proto/parley/directory/v1/directory_pb.js";
import { authenticate } from "../auth/authenticate.js";
import { claimKeyPackages } from "../claim/claim-key-packages.js";
import type { DirectoryContext } from "../context.js";
import type { ClientName } from "../store/keys.js";
import { checkSuite, invalidArgument } from "./args.js";

/** The clients a claim names, validated; `strict` when the caller listed them itself. */
async function targets(
  k: DirectoryContext,
  req: ClaimKeyPackagesRequest,
): Promise<{ clients: ClientName[]; strict: boolean }> {
  const max = k.config.claimMaxClients;
  switch (req.target.case) {
    case "userId": {
      if (req.target.value.length === 0) throw invalidArgument("user_id is empty");
      const clients = await k.store.listUserClients(req.target.value);
      if (clients.length === 0)
        throw new ServiceError(Code.NotFound, `user '${req.target.value}' has no clients here`);
      if (clients.length > max)
        throw invalidArgument(`the user has ${clients.length} clients; claim at most ${max} by list`);
      return { clients, strict: false };
    }
    case "clients": {
      const list = req.target.value.clients;
      if (list.length === 0) throw invalidArgument("clients is empty");
      if (list.length > max)
        throw invalidArgument(`clients names ${list.length} clients, at most ${max} allowed`);
      const seen = new Set<string>();
      list.forEach((c, i) => {
        if (c.userId.length === 0 || c.clientId.length === 0) {
          throw invalidArgument(`clients[${i}] needs a user_id and a client_id`);
        }
        const key = `${c.userId}\u0000${toHex(c.clientId)}`;
        if (seen.has(key)) throw invalidArgument(`clients[${i}] repeats an earlier client`);
        seen.add(key);
      });
      return { clients: list.map((c) => ({ userId: c.userId, clientId: c.clientId })), strict: true };
    }
    case undefined:
      throw invalidArgument("set either user_id or clients");
  }
}

/**
 * ClaimKeyPackages: any authenticated client may claim (the signed request makes every claim
 * attributable); one KeyPackage per client, atomically (claim/claim-key-packages.ts).
 */
export function claimRoute(k: DirectoryContext) {
  return async (
    req: ClaimKeyPackagesRequest,
    ctx: CallContext,
  ): Promise<MessageInitShape<typeof ClaimKeyPackagesResponseSchema>> => {
    const claimer = authenticate(k.auth, ctx, ClaimKeyPackagesRequestSchema, req);
    checkSuite(k, req.cipherSuite);
    const { clients, strict } = await targets(k, req);
    k.claimLimiter.take(`${claimer.userId}\u0000${toHex(claimer.clientId)}`, clients.length, k.now());
    const outcomes = await claimKeyPackages(k.store, clients, req.cipherSuite, k.nowSeconds(), strict);
    for (const o of outcomes) k.metrics.claimed(o.status);
    return {
      results: outcomes.map((o) => ({
        client: { userId: o.client.userId, clientId: o.client.clientId },
        status: o.status,
        keyPackage: o.keyPackage ?? new Uint8Array(),
        keyPackageRef: o.ref ?? new Uint8Array(),
        publishedCipherSuites: [...o.publishedSuites],
      })),
    };
  };
}
