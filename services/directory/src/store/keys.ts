/**
 * The directory's level key space. A one-byte tag, then fields whose byte order is their sort
 * order, so one range read answers each question the directory asks:
 *
 *   'c' ‖ client                                  → ClientRecord
 *   'k' ‖ client ‖ u16 suite ‖ u64 expiresAt ‖ ref → one-time KeyPackage (MLSMessage bytes)
 *   'l' ‖ client ‖ u16 suite                      → LastResortRecord
 *   'p' ‖ ref                                     → StoredLocation of a stored KeyPackage
 *   'r' ‖ ref                                     → RouteRecord of a handed-out KeyPackage
 *   'x' ‖ u64 expiresAt ‖ key                     → empty: `key` dies at `expiresAt`
 *
 * `client` is `opaque user_id<V> ‖ opaque client_id<V>` (RFC 9420 §2.1.2 varint lengths), so the
 * encoding of one user is a prefix of the encodings of exactly that user's clients. One-time
 * KeyPackages of a client and suite sort by expiry: the first one at or after "now" is the one a
 * claim hands out, and expired ones are skipped by the range itself before the purger deletes them.
 */
import { Writer, concatBytes } from "@parley/codec";

export const TAG_CLIENT = 0x63;
export const TAG_KEY_PACKAGE = 0x6b;
export const TAG_LAST_RESORT = 0x6c;
export const TAG_STORED = 0x70;
export const TAG_ROUTE = 0x72;
export const TAG_EXPIRY = 0x78;

/** Seconds since the Unix epoch; u64 in keys, but always a safe integer here. */
export type UnixSeconds = number;

const utf8 = new TextEncoder();

/** A client as the directory names it: its credential's user_id and client_id. */
export interface ClientName {
  readonly userId: string;
  readonly clientId: Uint8Array;
}

function u16(v: number): Uint8Array {
  return Uint8Array.of(v >>> 8, v & 0xff);
}

export function u64(v: UnixSeconds): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(v));
  return out;
}

export function readU64(key: Uint8Array, at: number): UnixSeconds {
  return Number(new DataView(key.buffer, key.byteOffset, key.byteLength).getBigUint64(at));
}

/** `opaque user_id<V>`: the prefix every key of this user's clients shares after its tag. */
export function userBytes(userId: string): Uint8Array {
  return new Writer(userId.length + 4).opaque(utf8.encode(userId)).finish();
}

export function clientBytes(c: ClientName): Uint8Array {
  return new Writer(c.userId.length + c.clientId.length + 8)
    .opaque(utf8.encode(c.userId))
    .opaque(c.clientId)
    .finish();
}

function tagged(tag: number, ...parts: Uint8Array[]): Uint8Array {
  return concatBytes(Uint8Array.of(tag), ...parts);
}

/** The least key above every key starting with `prefix` (prefixes here never end in all 0xff). */
export function prefixEnd(prefix: Uint8Array): Uint8Array {
  let last = prefix.length - 1;
  while (last >= 0 && prefix[last] === 0xff) last--;
  const end = prefix.slice(0, last + 1);
  end[last] = (end[last] ?? 0) + 1;
  return end;
}

export function clientKey(client: Uint8Array): Uint8Array {
  return tagged(TAG_CLIENT, client);
}

export function userClientsPrefix(userId: string): Uint8Array {
  return tagged(TAG_CLIENT, userBytes(userId));
}

export function keyPackageKey(client: Uint8Array, suite: number, expiresAt: UnixSeconds, ref: Uint8Array) {
  return tagged(TAG_KEY_PACKAGE, client, u16(suite), u64(expiresAt), ref);
}

/** Every one-time KeyPackage of a client, all suites. */
export function clientKeyPackagesPrefix(client: Uint8Array): Uint8Array {
  return tagged(TAG_KEY_PACKAGE, client);
}

/** One-time KeyPackages of a client and suite still valid at `now`, soonest expiry first. */
export function unexpiredRange(client: Uint8Array, suite: number, now: UnixSeconds) {
  const prefix = tagged(TAG_KEY_PACKAGE, client, u16(suite));
  return { gte: concatBytes(prefix, u64(now)), lt: prefixEnd(prefix) };
}

/** Suite, expiry and ref of a one-time KeyPackage key of a client whose key prefix is `prefixLength` long. */
export function parseKeyPackageKey(key: Uint8Array, prefixLength: number) {
  const view = new DataView(key.buffer, key.byteOffset, key.byteLength);
  return {
    suite: view.getUint16(prefixLength),
    expiresAt: readU64(key, prefixLength + 2),
    ref: key.slice(prefixLength + 10),
  };
}

export function lastResortKey(client: Uint8Array, suite: number): Uint8Array {
  return tagged(TAG_LAST_RESORT, client, u16(suite));
}

export function clientLastResortPrefix(client: Uint8Array): Uint8Array {
  return tagged(TAG_LAST_RESORT, client);
}

export function storedKey(ref: Uint8Array): Uint8Array {
  return tagged(TAG_STORED, ref);
}

export function routeKey(ref: Uint8Array): Uint8Array {
  return tagged(TAG_ROUTE, ref);
}

export function expiryKey(expiresAt: UnixSeconds, target: Uint8Array): Uint8Array {
  return tagged(TAG_EXPIRY, u64(expiresAt), target);
}

/** Expiry-index entries of everything that died before `now`. */
export function expiredRange(now: UnixSeconds) {
  return { gte: Uint8Array.of(TAG_EXPIRY), lt: tagged(TAG_EXPIRY, u64(now)) };
}

export function parseExpiryKey(key: Uint8Array): { expiresAt: UnixSeconds; target: Uint8Array } {
  return { expiresAt: readU64(key, 1), target: key.slice(9) };
}
