import type { MessageInitShape } from "@bufbuild/protobuf";
import { encode, toHex } from "@parley/codec";
import { issueParleyCredential } from "@parley/identity";
import { encodeLogEntry, SignatureScheme, type KeyBinding } from "@parley/keylog";
import type { CallContext } from "@parley/kit";
import { encodeCredential } from "@parley/mls";
import type { EnrollRequest, EnrollResponseSchema } from "@parley/proto/parley/auth/v1/auth_pb";
import type { AuthContext } from "../context.js";
import { EnrollmentError } from "../errors.js";
import type { LoggedEntry } from "../keylog/log-client.js";
import type { ClientRecord } from "../store/auth-store.js";
import { withClaims } from "./claims.js";
import { checkPossession, checkProof, checkRequestShape, type CheckedProof } from "./enroll-checks.js";
import { logProofMessage } from "./log-proof.js";

function logScheme(scheme: number): KeyBinding["signatureScheme"] {
  const found = Object.values(SignatureScheme).find((s) => s === scheme);
  if (found === undefined)
    throw new EnrollmentError("invalid-request", `signature_scheme ${scheme} is not loggable`);
  return found;
}

/** Issues the credential and builds its KeyBinding entry; the credential bytes are the entry's. */
function bindingFor(
  k: AuthContext,
  req: EnrollRequest,
): { credential: Uint8Array; entry: Uint8Array; binding: KeyBinding } {
  const issuedAt = Math.floor(k.now().getTime() / 1000);
  const notAfter = issuedAt + k.config.credentialLifetimeSeconds;
  const credential = issueParleyCredential(
    {
      userId: req.userId,
      clientId: req.clientId,
      signatureScheme: req.signatureScheme,
      signatureKey: req.signatureKey,
      notBefore: issuedAt,
      notAfter,
    },
    { keyId: k.issuer.keyId, privateKey: k.issuer.seed },
  );
  const bytes = encode(credential, encodeCredential);
  const binding: KeyBinding = {
    identity: req.userId,
    clientId: req.clientId,
    signatureScheme: logScheme(req.signatureScheme),
    signatureKey: req.signatureKey,
    credential: bytes,
    notBefore: issuedAt,
    notAfter,
    issuedAt,
  };
  return { credential: bytes, entry: encodeLogEntry({ type: "keyBinding", keyBinding: binding }), binding };
}

async function appendOrFail(k: AuthContext, entry: Uint8Array): Promise<LoggedEntry> {
  try {
    return await k.log.append(entry);
  } catch (cause) {
    throw new EnrollmentError(
      "log-unavailable",
      "the key-transparency log did not accept the binding; nothing was issued",
      {
        cause,
      },
    );
  }
}

/** Refuses a second active enrollment of one client id; a revoked or expired one may be replaced. */
async function checkNotEnrolled(k: AuthContext, req: EnrollRequest): Promise<void> {
  const existing = await k.store.client(req.userId, req.clientId);
  const now = Math.floor(k.now().getTime() / 1000);
  if (existing !== undefined && existing.revokedAt === undefined && existing.notAfter > now) {
    throw new EnrollmentError("client-exists", "this client_id is already enrolled and active");
  }
}

async function issue(k: AuthContext, req: EnrollRequest, proof: CheckedProof) {
  await checkNotEnrolled(k, req);
  if (proof.kind === "id_token") {
    // The store remembers redeemed tokens across restarts; the in-memory set also covers concurrent
    // redemptions that have not reached the store yet.
    if (await k.store.tokenUsed(proof.tokenHash)) {
      throw new EnrollmentError("token-reused", "this ID token was already used to enroll a client");
    }
    k.usedTokens.claim(proof.tokenHash, proof.expiresAt, Math.floor(k.now().getTime() / 1000));
  }
  try {
    const { credential, entry, binding } = bindingFor(k, req);
    // The issue's transparency rule: the binding is in the log before the credential exists anywhere else.
    const logged = await appendOrFail(k, entry);
    const record: ClientRecord = { ...binding, credential, entry, logIndex: logged.index };
    const code =
      proof.kind === "enrollment_code"
        ? { codeId: proof.code.codeId, expiresAt: proof.code.expiresAt }
        : undefined;
    const token =
      proof.kind === "id_token" ? { tokenHash: proof.tokenHash, expiresAt: proof.expiresAt } : undefined;
    await k.store.saveEnrollment(req.userId, record, code, token);
    k.metrics.credentialIssued(proof.kind);
    return { credential, binding: logProofMessage(logged) };
  } catch (err) {
    if (proof.kind === "id_token") k.usedTokens.release(proof.tokenHash);
    throw err;
  }
}

/** Enroll: shape → possession → identity proof → claim → issue → log → store → answer. */
export function enrollRoute(k: AuthContext) {
  return async (
    req: EnrollRequest,
    _ctx: CallContext,
  ): Promise<MessageInitShape<typeof EnrollResponseSchema>> => {
    try {
      checkRequestShape(req);
      const proof = await checkProof(k, req);
      checkPossession(req, proof.text);
      const claims = [`client:${toHex(new TextEncoder().encode(req.userId))}:${toHex(req.clientId)}`];
      if (proof.kind === "enrollment_code") claims.push(`code:${proof.code.codeId}`);
      const refuse = (key: string) =>
        key.startsWith("code:")
          ? new EnrollmentError("code-used", "the enrollment code is being redeemed by another request")
          : new EnrollmentError("client-exists", "this client_id is being enrolled by another request");
      return await withClaims(k, claims, refuse, () => issue(k, req, proof));
    } catch (err) {
      if (err instanceof EnrollmentError) k.metrics.enrollmentFailed(err.reason);
      throw err;
    }
  };
}
