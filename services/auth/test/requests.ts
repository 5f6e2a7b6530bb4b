import { create, toBinary, type DescMethod, type MessageInitShape } from "@bufbuild/protobuf";
import { signEnrollment, signRequest } from "@parley/identity";
import type { Credential } from "@parley/mls";
import type { EnrollRequestSchema } from "@parley/proto/parley/auth/v1/auth_pb";
import type { ClientKeys } from "./harness.js";

export type Proof = { readonly idToken: string } | { readonly enrollmentCode: string };

/** An EnrollRequest with a proof of possession by `keys` (or by `possessor` to test a forged one). */
export function enrollRequest(
  userId: string,
  clientId: string,
  keys: ClientKeys,
  proof: Proof,
  possessor: ClientKeys = keys,
): MessageInitShape<typeof EnrollRequestSchema> {
  const text = "idToken" in proof ? proof.idToken : proof.enrollmentCode;
  const id = new TextEncoder().encode(clientId);
  return {
    userId,
    clientId: id,
    signatureScheme: keys.signatureScheme,
    signatureKey: keys.publicKey,
    proof: "idToken" in proof ? { case: "idToken", value: text } : { case: "enrollmentCode", value: text },
    possessionSignature: signEnrollment({
      userId,
      clientId: id,
      signatureScheme: keys.signatureScheme,
      signatureKey: keys.publicKey,
      proof: text,
      privateKey: possessor.privateKey,
    }),
  };
}

/** Signed-request metadata for `method` and `request` by the client holding `keys` and `credential`. */
export function signed<M extends DescMethod>(
  method: M,
  request: MessageInitShape<M["input"]>,
  credential: Credential,
  keys: ClientKeys,
  signer: ClientKeys = keys,
): { headers: Record<string, string> } {
  return {
    headers: signRequest({
      method: `/${method.parent.typeName}/${method.name}`,
      body: toBinary(method.input, create(method.input, request)),
      credential,
      signatureKey: keys.publicKey,
      privateKey: signer.privateKey,
      signatureScheme: keys.signatureScheme,
    }),
  };
}
