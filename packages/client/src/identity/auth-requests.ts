/**
 * Building AuthService calls on the client: the enrollment request with its proof of possession,
 * and the signed-request metadata for client-authenticated calls (docs/identity.md).
 */
import { create, toBinary, type DescMethod, type MessageInitShape } from "@bufbuild/protobuf";
import { signEnrollment, signRequest } from "@parley/identity";
import type { Credential } from "@parley/mls";
import type { EnrollRequestSchema } from "@parley/proto/parley/auth/v1/auth_pb";

/** A client's signing identity: its MLS signature key pair and, once enrolled, its credential. */
export interface ClientKeys {
  readonly signatureScheme: number;
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

export type IdentityProof = { readonly idToken: string } | { readonly enrollmentCode: string };

export function enrollRequest(
  userId: string,
  clientId: Uint8Array,
  keys: ClientKeys,
  proof: IdentityProof,
): MessageInitShape<typeof EnrollRequestSchema> {
  const text = "idToken" in proof ? proof.idToken : proof.enrollmentCode;
  const possessionSignature = signEnrollment({
    userId,
    clientId,
    signatureScheme: keys.signatureScheme,
    signatureKey: keys.publicKey,
    proof: text,
    privateKey: keys.privateKey,
  });
  return {
    userId,
    clientId,
    signatureScheme: keys.signatureScheme,
    signatureKey: keys.publicKey,
    proof: "idToken" in proof ? { case: "idToken", value: text } : { case: "enrollmentCode", value: text },
    possessionSignature,
  };
}

/** Metadata for one signed call of `method` with `request` (fresh nonce and timestamp). */
export function signedHeaders<M extends DescMethod>(
  method: M,
  request: MessageInitShape<M["input"]>,
  credential: Credential,
  keys: ClientKeys,
  now?: Date,
): Record<string, string> {
  const body = toBinary(method.input, create(method.input, request));
  return signRequest({
    method: `/${method.parent.typeName}/${method.name}`,
    body,
    credential,
    signatureKey: keys.publicKey,
    privateKey: keys.privateKey,
    signatureScheme: keys.signatureScheme,
    ...(now === undefined ? {} : { now }),
  });
}
