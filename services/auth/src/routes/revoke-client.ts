import type { MessageInitShape } from "@bufbuild/protobuf";
import { toHex } from "@parley/codec";
import { encodeLogEntry, RevocationReason, type Revocation } from "@parley/keylog";
import { Code, ServiceError, type CallContext } from "@parley/kit";
import {
  RevokeClientRequestSchema,
  type RevokeClientRequest,
  type RevokeClientResponseSchema,
} from "@parley/proto/parley/auth/v1/auth_pb";
import type { AuthContext } from "../context.js";
import { authenticate } from "./authenticate.js";
import { logUnavailable, withClaims } from "./claims.js";
import { logProofMessage } from "./log-proof.js";

function reasonOf(value: number): Revocation["reason"] {
  const found = Object.values(RevocationReason).find((r) => r === value);
  if (found === undefined)
    throw new ServiceError(Code.InvalidArgument, `reason ${value} is not a RevocationReason (0..4)`);
  return found;
}

/**
 * RevokeClient: any active client of a user may revoke any of that user's clients (the lost
 * phone is revoked from the laptop). The revocation is logged first; only then is the client
 * marked revoked here, so a failed append leaves the client active and nothing half-written.
 */
export function revokeClientRoute(k: AuthContext) {
  return async (
    req: RevokeClientRequest,
    ctx: CallContext,
  ): Promise<MessageInitShape<typeof RevokeClientResponseSchema>> => {
    const { client } = await authenticate(k, ctx, RevokeClientRequestSchema, req);
    if (req.clientId.length === 0) throw new ServiceError(Code.InvalidArgument, "client_id is required");
    const reason = reasonOf(req.reason);
    const claim = `revoke:${toHex(new TextEncoder().encode(client.userId))}:${toHex(req.clientId)}`;
    const busy = () => new ServiceError(Code.Aborted, "this client is being revoked by another request");
    return withClaims(k, [claim], busy, async () => {
      const record = await k.store.client(client.userId, req.clientId);
      if (record === undefined)
        throw new ServiceError(Code.NotFound, "the user has no client with this client_id");
      if (record.revokedAt !== undefined)
        throw new ServiceError(Code.FailedPrecondition, "the client is already revoked");
      const revokedAt = Math.floor(k.now().getTime() / 1000);
      const entry = encodeLogEntry({
        type: "revocation",
        revocation: {
          identity: client.userId,
          clientId: req.clientId,
          revoked: { kind: "leafIndex", leafIndex: record.logIndex },
          revokedAt,
          reason,
        },
      });
      const logged = await k.log.append(entry).catch((cause: unknown) => {
        throw logUnavailable(cause);
      });
      await k.store.saveClient(client.userId, { ...record, revokedAt, revocationIndex: logged.index });
      k.metrics.revocation();
      return { revocation: logProofMessage(logged) };
    });
  };
}
