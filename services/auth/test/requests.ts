/**
 * AuthService requests for the tests, built with the client SDK's own builders (the code real clients use);
 * `possessor` / `signer` sign with another private key than the one the request names, for forgery tests.
 */
import type { DescMethod, MessageInitShape } from "@bufbuild/protobuf";
import { enrollRequest as clientEnrollRequest, signedHeaders, type IdentityProof } from "@parley/client";
import type { Credential } from "@parley/mls";
import type { EnrollRequestSchema } from "@parley/proto/parley/auth/v1/auth_pb";
import type { ClientKeys } from "./harness.js";

export type Proof = IdentityProof;

/** An EnrollRequest with a proof of possession by `keys` (or by `possessor` to test a forged one). */
export function enrollRequest(
  userId: string,
  clientId: string,
  keys: ClientKeys,
  proof: Proof,
  possessor: ClientKeys = keys,
): MessageInitShape<typeof EnrollRequestSchema> {
  const signing = { ...keys, privateKey: possessor.privateKey };
  return clientEnrollRequest(userId, new TextEncoder().encode(clientId), signing, proof);
}

/** Signed-request metadata for `method` and `request` by the client holding `keys` and `credential`. */
export function signed<M extends DescMethod>(
  method: M,
  request: MessageInitShape<M["input"]>,
  credential: Credential,
  keys: ClientKeys,
  signer: ClientKeys = keys,
): { headers: Record<string, string> } {
  return { headers: signedHeaders(method, request, credential, { ...keys, privateKey: signer.privateKey }) };
}
