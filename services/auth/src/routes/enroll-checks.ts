/**
 * The checks of Enroll before anything is claimed or written: request shape, proof of
 * possession of the signature key, and the identity proof.
 */
import { createHash } from "node:crypto";
import {
  IdentityError,
  isKnownSignatureScheme,
  keyMatchesScheme,
  verifyEnrollmentPossession,
} from "@parley/identity";
import type { EnrollRequest } from "@parley/proto/parley/auth/v1/auth_pb";
import type { AuthContext } from "../context.js";
import { EnrollmentError } from "../errors.js";
import type { ProofKind } from "../metrics.js";
import { openEnrollmentCode, type EnrollmentCode } from "../proof/enrollment-code.js";
import { verifyIdToken } from "../proof/id-token.js";

const MAX_USER_ID_BYTES = 256;
const MAX_CLIENT_ID_BYTES = 64;

/** What the identity proof established. */
export type CheckedProof =
  | {
      readonly kind: Extract<ProofKind, "id_token">;
      readonly text: string;
      readonly tokenHash: string;
      readonly expiresAt: number;
    }
  | {
      readonly kind: Extract<ProofKind, "enrollment_code">;
      readonly text: string;
      readonly code: EnrollmentCode;
    };

export function checkRequestShape(req: EnrollRequest): void {
  const userBytes = new TextEncoder().encode(req.userId).length;
  if (userBytes === 0 || userBytes > MAX_USER_ID_BYTES) {
    throw new EnrollmentError("invalid-request", `user_id must be 1..${MAX_USER_ID_BYTES} bytes of UTF-8`);
  }
  if (req.clientId.length === 0 || req.clientId.length > MAX_CLIENT_ID_BYTES) {
    throw new EnrollmentError("invalid-request", `client_id must be 1..${MAX_CLIENT_ID_BYTES} bytes`);
  }
  if (!isKnownSignatureScheme(req.signatureScheme)) {
    throw new EnrollmentError(
      "invalid-request",
      `signature_scheme ${req.signatureScheme} is not an MLS signature scheme`,
    );
  }
  if (!keyMatchesScheme(req.signatureScheme, req.signatureKey)) {
    throw new EnrollmentError("invalid-request", "signature_key is not a public key of signature_scheme");
  }
  if (req.proof.case === undefined || req.proof.value.length === 0) {
    throw new EnrollmentError("proof-missing", "an id_token or an enrollment_code is required");
  }
  if (req.possessionSignature.length === 0) {
    throw new EnrollmentError("possession-missing", "possession_signature is required (proof of possession)");
  }
}

/** RFC 9750 §5 (credentials attest identity-to-key-pair bindings): the AS only binds a key whose private half the requester demonstrably holds. */
export function checkPossession(req: EnrollRequest, proofText: string): void {
  try {
    verifyEnrollmentPossession(
      {
        userId: req.userId,
        clientId: req.clientId,
        signatureScheme: req.signatureScheme,
        signatureKey: req.signatureKey,
        proof: proofText,
      },
      req.possessionSignature,
    );
  } catch (cause) {
    if (!(cause instanceof IdentityError)) throw cause;
    throw new EnrollmentError(
      "possession-invalid",
      "possession_signature does not verify with signature_key",
      { cause },
    );
  }
}

export async function checkProof(k: AuthContext, req: EnrollRequest): Promise<CheckedProof> {
  const nowSeconds = Math.floor(k.now().getTime() / 1000);
  if (req.proof.case === "idToken") {
    const oidc = k.config.oidc;
    if (oidc === undefined)
      throw new EnrollmentError("proof-disabled", "ID tokens are not configured on this service");
    const token = verifyIdToken(req.proof.value, oidc, k.oidcKeys, nowSeconds);
    if (token.userId !== req.userId)
      throw new EnrollmentError("token-user-mismatch", "the ID token is for another user");
    const tokenHash = createHash("sha256").update(req.proof.value).digest("hex");
    return { kind: "id_token", text: req.proof.value, tokenHash, expiresAt: token.expiresAt };
  }
  if (req.proof.case === "enrollmentCode") {
    const code = openEnrollmentCode(k.codeKey, req.proof.value, nowSeconds);
    if (code.userId !== req.userId)
      throw new EnrollmentError("code-user-mismatch", "the enrollment code is for another user");
    if (await k.store.codeUsed(code.codeId))
      throw new EnrollmentError("code-used", "the enrollment code was already used");
    return { kind: "enrollment_code", text: req.proof.value, code };
  }
  throw new EnrollmentError("proof-missing", "an id_token or an enrollment_code is required");
}
