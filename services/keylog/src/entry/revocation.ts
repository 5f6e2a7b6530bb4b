import type { Reader, Writer } from "@parley/codec";
import { EntryFormatError } from "./errors.js";
import { checkClientId, checkSafeUint, identityBytes, readIdentity, readSafeUint } from "./fields.js";

/** Why a binding was revoked (uint8 on the wire). */
export const RevocationReason = {
  unspecified: 0,
  key_compromise: 1,
  superseded: 2,
  client_removed: 3,
  identity_removed: 4,
} as const;
export type RevocationReason = (typeof RevocationReason)[keyof typeof RevocationReason];

const REF_LEAF_INDEX = 1;
const REF_LEAF_HASH = 2;
const LEAF_HASH_SIZE = 32;

/** The revoked binding, named by its position in the log or by its RFC 6962 leaf hash. */
export type RevokedRef =
  | { readonly kind: "leafIndex"; readonly leafIndex: number }
  | { readonly kind: "leafHash"; readonly leafHash: Uint8Array };

/**
 * ```
 * enum { leaf_index(1), leaf_hash(2), (255) } RevokedRefType;
 * struct {
 *   opaque identity<V>;
 *   opaque client_id<V>;
 *   RevokedRefType ref_type;
 *   select (ref_type) {
 *     case leaf_index: uint64 leaf_index;
 *     case leaf_hash:  opaque leaf_hash[32];
 *   };
 *   uint64 revoked_at;
 *   RevocationReason reason;     // uint8
 * } Revocation;
 * ```
 */
export interface Revocation {
  readonly identity: string;
  readonly clientId: Uint8Array;
  readonly revoked: RevokedRef;
  readonly revokedAt: number;
  readonly reason: RevocationReason;
}

function checkReason(reason: number): asserts reason is RevocationReason {
  if (!Number.isInteger(reason) || reason < 0 || reason > RevocationReason.identity_removed) {
    throw new EntryFormatError("unknown-revocation-reason", `revocation.reason ${reason} is not defined`);
  }
}

export function validateRevocation(v: Revocation): void {
  identityBytes(v.identity);
  checkClientId(v.clientId, "revocation.client_id");
  checkSafeUint(v.revokedAt, "revocation.revoked_at");
  checkReason(v.reason);
  if (v.revoked.kind === "leafIndex") checkSafeUint(v.revoked.leafIndex, "revocation.leaf_index");
  else if (v.revoked.leafHash.length !== LEAF_HASH_SIZE) {
    throw new EntryFormatError("unknown-revoked-ref", `revocation.leaf_hash must be ${LEAF_HASH_SIZE} bytes`);
  }
}

export function writeRevocation(w: Writer, v: Revocation): void {
  validateRevocation(v);
  w.opaque(identityBytes(v.identity)).opaque(v.clientId);
  if (v.revoked.kind === "leafIndex") w.u8(REF_LEAF_INDEX).u64(BigInt(v.revoked.leafIndex));
  else w.u8(REF_LEAF_HASH).bytes(v.revoked.leafHash);
  w.u64(BigInt(v.revokedAt)).u8(v.reason);
}

export function readRevocation(r: Reader): Revocation {
  const identity = readIdentity(r, "revocation.identity");
  const clientId = r.opaque("revocation.client_id");
  const refType = r.u8("revocation.ref_type");
  let revoked: RevokedRef;
  if (refType === REF_LEAF_INDEX) {
    revoked = { kind: "leafIndex", leafIndex: readSafeUint(r, "revocation.leaf_index") };
  } else if (refType === REF_LEAF_HASH) {
    revoked = { kind: "leafHash", leafHash: r.bytes(LEAF_HASH_SIZE, "revocation.leaf_hash") };
  } else {
    throw new EntryFormatError("unknown-revoked-ref", `revocation.ref_type ${refType} is not 1 or 2`);
  }
  const revokedAt = readSafeUint(r, "revocation.revoked_at");
  const reason = r.u8("revocation.reason");
  checkReason(reason);
  const revocation: Revocation = { identity, clientId, revoked, revokedAt, reason };
  validateRevocation(revocation);
  return revocation;
}
