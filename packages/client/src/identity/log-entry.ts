/**
 * A reader for the key log's entries (docs/keylog-entry-format.md), as much as a client needs to
 * check bindings and revocations. The SDK does not import the key log service (server code and
 * storage), so the format is read here from its documentation, strictly: trailing bytes,
 * unknown versions, types or reference kinds are errors.
 */
import { decode, type Reader } from "@parley/codec";

export interface LoggedKeyBinding {
  readonly type: "keyBinding";
  readonly identity: string;
  readonly clientId: Uint8Array;
  readonly signatureScheme: number;
  readonly signatureKey: Uint8Array;
  readonly credential: Uint8Array;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly issuedAt: number;
}

export interface LoggedRevocation {
  readonly type: "revocation";
  readonly identity: string;
  readonly clientId: Uint8Array;
  /** The revoked binding's index (ref_type leaf_index) or leaf hash (ref_type leaf_hash). */
  readonly revokedIndex: number | undefined;
  readonly revokedLeafHash: Uint8Array | undefined;
  readonly revokedAt: number;
  readonly reason: number;
}

export type LoggedEntry = LoggedKeyBinding | LoggedRevocation;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function time(r: Reader, field: string): number {
  const v = r.u64(field);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) r.fail("above 2^53-1", field);
  return Number(v);
}

function readBinding(r: Reader): LoggedKeyBinding {
  return {
    type: "keyBinding",
    identity: utf8.decode(r.opaque("key_binding.identity")),
    clientId: r.opaque("key_binding.client_id").slice(),
    signatureScheme: r.u16("key_binding.signature_scheme"),
    signatureKey: r.opaque("key_binding.signature_key").slice(),
    credential: r.opaque("key_binding.credential").slice(),
    notBefore: time(r, "key_binding.not_before"),
    notAfter: time(r, "key_binding.not_after"),
    issuedAt: time(r, "key_binding.issued_at"),
  };
}

function readRevocation(r: Reader): LoggedRevocation {
  const identity = utf8.decode(r.opaque("revocation.identity"));
  const clientId = r.opaque("revocation.client_id").slice();
  const refType = r.u8("revocation.ref_type");
  if (refType !== 1 && refType !== 2) r.fail(`unknown ref_type ${refType}`, "revocation.ref_type");
  const revokedIndex = refType === 1 ? time(r, "revocation.leaf_index") : undefined;
  const revokedLeafHash = refType === 2 ? r.bytes(32, "revocation.leaf_hash").slice() : undefined;
  return {
    type: "revocation",
    identity,
    clientId,
    revokedIndex,
    revokedLeafHash,
    revokedAt: time(r, "revocation.revoked_at"),
    reason: r.u8("revocation.reason"),
  };
}

/** Throws `CodecError` (or `TypeError` for bad UTF-8) for anything but a version-1 entry. */
export function decodeLoggedEntry(bytes: Uint8Array): LoggedEntry {
  return decode(
    bytes,
    (r) => {
      const version = r.u16("log_entry.version");
      if (version !== 1) r.fail(`unknown version ${version}`, "log_entry.version");
      const type = r.u8("log_entry.entry_type");
      if (type === 1) return readBinding(r);
      if (type === 2) return readRevocation(r);
      return r.fail(`unknown entry_type ${type}`, "log_entry.entry_type");
    },
    "log_entry",
  );
}
