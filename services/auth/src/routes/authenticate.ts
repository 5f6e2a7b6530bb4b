import { toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { bytesEqual } from "@parley/codec";
import { IdentityError, verifyRequest, type VerifiedClient } from "@parley/identity";
import { Code, ServiceError, type CallContext } from "@parley/kit";
import type { AuthContext } from "../context.js";
import { identityFailure } from "../errors.js";
import type { ClientRecord } from "../store/auth-store.js";

/**
 * Authenticates a client-signed call (docs/identity.md "Signed requests") and, beyond what the
 * credential proves offline, requires the client to be enrolled here with this very key and not
 * revoked: a revoked client's credential still verifies until its not_after, so this is the
 * check that makes revocation bite on the AS itself.
 */
export async function authenticate<S extends DescMessage>(
  k: AuthContext,
  ctx: CallContext,
  schema: S,
  request: MessageShape<S>,
): Promise<{ client: VerifiedClient; record: ClientRecord }> {
  let client: VerifiedClient;
  try {
    client = verifyRequest({
      method: `/${ctx.service}/${ctx.method}`,
      body: toBinary(schema, request),
      metadata: (name) => ctx.header(name),
      trust: k.trust,
      replay: k.replay,
      now: k.now(),
    });
  } catch (err) {
    if (err instanceof IdentityError) throw identityFailure(err);
    throw err;
  }
  const record = await k.store.client(client.userId, client.clientId);
  if (record === undefined || !bytesEqual(record.signatureKey, client.signatureKey)) {
    throw new ServiceError(Code.Unauthenticated, "the calling client is not enrolled with this key");
  }
  if (record.revokedAt !== undefined)
    throw new ServiceError(Code.Unauthenticated, "the calling client was revoked");
  return { client, record };
}
