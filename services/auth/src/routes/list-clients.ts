import type { MessageInitShape } from "@bufbuild/protobuf";
import type { CallContext } from "@parley/kit";
import {
  ListClientsRequestSchema,
  type ListClientsRequest,
  type ListClientsResponseSchema,
} from "@parley/proto/parley/auth/v1/auth_pb";
import type { AuthContext } from "../context.js";
import { authenticate } from "./authenticate.js";
import { logUnavailable } from "./claims.js";
import { logProofMessage } from "./log-proof.js";

/** ListClients: the caller's user's active clients, each binding proven against the latest checkpoint. */
export function listClientsRoute(k: AuthContext) {
  return async (
    req: ListClientsRequest,
    ctx: CallContext,
  ): Promise<MessageInitShape<typeof ListClientsResponseSchema>> => {
    const { client } = await authenticate(k, ctx, ListClientsRequestSchema, req);
    const now = Math.floor(k.now().getTime() / 1000);
    const active = (await k.store.clients(client.userId)).filter(
      (r) => r.revokedAt === undefined && r.notAfter > now,
    );
    const clients = await Promise.all(
      active.map(async (r) => {
        const proof = await k.log.prove(r.entry, r.logIndex).catch((cause: unknown) => {
          throw logUnavailable(cause);
        });
        return {
          clientId: r.clientId,
          signatureScheme: r.signatureScheme,
          signatureKey: r.signatureKey,
          credential: r.credential,
          notBefore: BigInt(r.notBefore),
          notAfter: BigInt(r.notAfter),
          binding: logProofMessage(proof),
        };
      }),
    );
    return { userId: client.userId, clients };
  };
}
