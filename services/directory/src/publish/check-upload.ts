/**
 * One uploaded KeyPackage, checked in full before it may be stored: RFC 9420 §10.1 validation by
 * @parley/mls (signatures, lifetime within the directory's maximum, suite, HPKE keys, capabilities)
 * with the Parley credential validator as the §5.3.1 Authentication Service hook, then the
 * directory's own rule that a client publishes only its own KeyPackages: the credential must name
 * the authenticated caller and the leaf's signature_key must be the key that signed the request.
 *
 * Pure CPU work, done before any lock is taken.
 */
import { bytesEqual, CodecError } from "@parley/codec";
import {
  IdentityError,
  parleyCredentialValidator,
  parleyIdentityOf,
  type VerifiedClient,
} from "@parley/identity";
import type { ParleyTrust } from "@parley/identity";
import {
  LAST_RESORT_EXTENSION_TYPE,
  MlsError,
  ValidationError,
  checkKeyPackageLeafSource,
  decodeUnverifiedKeyPackageMessage,
  makeKeyPackageRef,
  nodeProvider,
  validateKeyPackage,
  type CredentialValidator,
  type UnverifiedKeyPackage,
} from "@parley/mls";
import { RejectReason } from "@parley/proto/parley/directory/v1/directory_pb.js";
import type { UnixSeconds } from "../store/keys.js";

export interface UploadPolicy {
  readonly cipherSuites: readonly number[];
  readonly maxLifetimeSeconds: number;
  readonly clockSkewSeconds: number;
}

/** A KeyPackage that may be stored for the caller. */
export interface AcceptedUpload {
  readonly ok: true;
  readonly ref: Uint8Array;
  readonly suite: number;
  readonly lastResort: boolean;
  /** The KeyPackage's end of life: its lifetime's not_after or its credential's, whichever is first. */
  readonly expiresAt: UnixSeconds;
  /** The MLSMessage as uploaded, handed out as is. */
  readonly message: Uint8Array;
}

export interface RejectedUpload {
  readonly ok: false;
  readonly ref: Uint8Array;
  readonly suite: number;
  readonly reason: RejectReason;
  readonly message: string;
}

export type CheckedUpload = AcceptedUpload | RejectedUpload;

/** RFC 9420 validation rule ids → the reason reported to the client. */
const REASON_BY_RULE: ReadonlyMap<string, RejectReason> = new Map([
  ["KP-2", RejectReason.CIPHER_SUITE],
  ["KP-8", RejectReason.LIFETIME],
  ["KP-9", RejectReason.LIFETIME],
  ["KP-10", RejectReason.BAD_SIGNATURE],
  ["KP-11", RejectReason.BAD_SIGNATURE],
  ["KP-12", RejectReason.MALFORMED],
]);

function reasonOf(err: ValidationError): RejectReason {
  if (err.rule.startsWith("CRED-")) return RejectReason.CREDENTIAL;
  return REASON_BY_RULE.get(err.rule) ?? RejectReason.INVALID;
}

/** The credential validator for uploads; built once per directory. */
export function uploadCredentialValidator(trust: ParleyTrust): CredentialValidator {
  return parleyCredentialValidator(trust);
}

function rejected(
  reason: RejectReason,
  message: string,
  ref: Uint8Array = new Uint8Array(),
  suite = 0,
): RejectedUpload {
  return { ok: false, ref, suite, reason, message };
}

function classify(err: unknown): RejectedUpload {
  if (err instanceof CodecError)
    return rejected(RejectReason.MALFORMED, `not a KeyPackage MLSMessage: ${err.message}`);
  if (err instanceof ValidationError) return rejected(reasonOf(err), err.message);
  if (err instanceof IdentityError) return rejected(RejectReason.CREDENTIAL, err.message);
  // A CryptoError (e.g. a signature key of the wrong length) or an unsupported feature: bad input.
  if (err instanceof MlsError) return rejected(RejectReason.INVALID, err.message);
  throw err;
}

/** Validates one uploaded MLSMessage for `caller` at `now` (ms). Never throws for bad input. */
export function checkUpload(
  bytes: Uint8Array,
  caller: VerifiedClient,
  policy: UploadPolicy,
  validateCredential: CredentialValidator,
  now: number,
): CheckedUpload {
  let unverified: UnverifiedKeyPackage | undefined;
  try {
    unverified = decodeUnverifiedKeyPackageMessage(bytes);
    const suite = unverified.keyPackage.cipherSuite;
    if (!policy.cipherSuites.includes(suite)) {
      return rejected(
        RejectReason.CIPHER_SUITE,
        `cipher suite ${suite} is not accepted here`,
        refOf(unverified),
        suite,
      );
    }
    const valid = validateKeyPackage(unverified, {
      provider: nodeProvider,
      validateCredential,
      now: new Date(now),
      maxLifetimeSeconds: policy.maxLifetimeSeconds,
      clockSkewSeconds: policy.clockSkewSeconds,
    });
    const leaf = valid.keyPackage.leafNode;
    const identity = parleyIdentityOf(leaf.credential);
    if (
      identity.userId !== caller.userId ||
      !bytesEqual(identity.clientId, caller.clientId) ||
      !bytesEqual(leaf.signatureKey, caller.signatureKey)
    ) {
      return rejected(
        RejectReason.CLIENT_MISMATCH,
        "the KeyPackage's credential or signature key is not the authenticated client's",
        valid.ref,
        suite,
      );
    }
    return {
      ok: true,
      ref: valid.ref,
      suite,
      lastResort: valid.keyPackage.extensions.some((e) => e.extensionType === LAST_RESORT_EXTENSION_TYPE),
      // RFC 9420 §7.2 not_after is the last valid second; a credential is valid while now < not_after.
      expiresAt: Math.min(
        Number(checkKeyPackageLeafSource(valid.keyPackage).notAfter),
        identity.notAfter - 1,
      ),
      message: bytes,
    };
  } catch (err) {
    const suite = unverified?.keyPackage.cipherSuite ?? 0;
    return { ...classify(err), suite, ref: refOf(unverified) };
  }
}

/** The KeyPackageRef of a rejected KeyPackage, when it parsed and its suite is implemented, so the
 * client can tell which of its KeyPackages was refused. */
function refOf(unverified: UnverifiedKeyPackage | undefined): Uint8Array {
  if (unverified === undefined) return new Uint8Array();
  try {
    return makeKeyPackageRef(
      nodeProvider.suite(unverified.keyPackage.cipherSuite),
      unverified.keyPackageBytes,
    );
  } catch (err) {
    if (err instanceof MlsError) return new Uint8Array();
    throw err;
  }
}
