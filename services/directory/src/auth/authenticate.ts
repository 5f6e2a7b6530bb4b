/**
 * Every directory RPC is a signed client request (docs/identity.md): the caller proves it holds the
 * signature key its AS-issued credential vouches for, over this method and this exact request body.
 * Refusals map to UNAUTHENTICATED with the failing rule, except a full replay cache, which is load
 * (RESOURCE_EXHAUSTED); header values and keys never appear in the message.
 */
import { toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { IdentityError, verifyRequest, type ReplayGuard, type VerifiedClient } from "@parley/identity";
import { Code, ServiceError, type CallContext } from "@parley/kit";
import type { ParleyTrust } from "@parley/identity";

export interface Authenticator {
  readonly trust: ParleyTrust;
  readonly replay: ReplayGuard;
  readonly now: () => number;
}

/** The verified caller of `request`, or a ServiceError. */
export function authenticate<S extends DescMessage>(
  auth: Authenticator,
  ctx: CallContext,
  schema: S,
  request: MessageShape<S>,
): VerifiedClient {
  try {
    return verifyRequest({
      method: `/${ctx.service}/${ctx.method}`,
      // Body hash over the re-serialised message: protobuf-es writes fields in field-number order,
      // as every other protobuf runtime does, so client and server hash the same bytes.
      body: toBinary(schema, request),
      metadata: (name) => ctx.header(name),
      trust: auth.trust,
      replay: auth.replay,
      now: new Date(auth.now()),
    });
  } catch (err) {
    if (!(err instanceof IdentityError)) throw err;
    const code = err.rule === "replay-cache-full" ? Code.ResourceExhausted : Code.Unauthenticated;
    throw new ServiceError(code, `signed request refused: ${err.message}`, { cause: err });
  }
}
