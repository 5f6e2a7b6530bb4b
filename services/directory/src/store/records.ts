/**
 * Values stored under the keys of keys.ts, TLS-encoded with @parley/codec so a value written by
 * one version is read strictly by the next (trailing or missing bytes are a CodecError, not a guess).
 */
import { Writer, decode, type Reader } from "@parley/codec";
import type { ClientName, UnixSeconds } from "./keys.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A known client: the suites it has ever published (to tell "exhausted" from "never offered"). */
export interface ClientRecord {
  /** The latest credential expiry seen; the client is forgotten after it. */
  readonly expiresAt: UnixSeconds;
  readonly suites: readonly number[];
}

/** The client's one last-resort KeyPackage of a suite (RFC 9750 §5.1). */
export interface LastResortRecord {
  readonly ref: Uint8Array;
  readonly expiresAt: UnixSeconds;
  /** Handed out at least once. */
  readonly used: boolean;
  readonly keyPackage: Uint8Array;
}

/** Where a stored KeyPackage lives, found by its ref (idempotent upload, delete by ref). */
export interface StoredLocation {
  readonly lastResort: boolean;
  readonly suite: number;
  readonly expiresAt: UnixSeconds;
  readonly client: ClientName;
}

/** Which client a handed-out KeyPackage belongs to, for routing its Welcome. */
export interface RouteRecord {
  readonly lastResort: boolean;
  readonly expiresAt: UnixSeconds;
  readonly client: ClientName;
}

function time(r: Reader, field: string): UnixSeconds {
  const v = r.u64(field);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) r.fail("time beyond 2^53-1", field);
  return Number(v);
}

function flag(r: Reader, field: string): boolean {
  const v = r.u8(field);
  if (v > 1) r.fail(`flag must be 0 or 1, got ${v}`, field);
  return v === 1;
}

function writeClient(w: Writer, c: ClientName): void {
  w.opaque(new TextEncoder().encode(c.userId)).opaque(c.clientId);
}

function readClient(r: Reader): ClientName {
  const userId = utf8.decode(r.opaque("client.user_id"));
  return { userId, clientId: r.opaque("client.client_id").slice() };
}

export function encodeClientRecord(v: ClientRecord): Uint8Array {
  return new Writer(32)
    .u64(BigInt(v.expiresAt))
    .vector(v.suites, (w, s) => w.u16(s))
    .finish();
}

export function decodeClientRecord(bytes: Uint8Array): ClientRecord {
  return decode(
    bytes,
    (r) => ({
      expiresAt: time(r, "ClientRecord.expires_at"),
      suites: r.vector("ClientRecord.suites", (s) => s.u16("suite")),
    }),
    "ClientRecord",
  );
}

export function encodeLastResortRecord(v: LastResortRecord): Uint8Array {
  return new Writer(v.keyPackage.length + 96)
    .opaque(v.ref)
    .u64(BigInt(v.expiresAt))
    .u8(v.used ? 1 : 0)
    .opaque(v.keyPackage)
    .finish();
}

export function decodeLastResortRecord(bytes: Uint8Array): LastResortRecord {
  return decode(
    bytes,
    (r) => ({
      ref: r.opaque("LastResortRecord.ref").slice(),
      expiresAt: time(r, "LastResortRecord.expires_at"),
      used: flag(r, "LastResortRecord.used"),
      keyPackage: r.opaque("LastResortRecord.key_package").slice(),
    }),
    "LastResortRecord",
  );
}

export function encodeStoredLocation(v: StoredLocation): Uint8Array {
  const w = new Writer(64)
    .u8(v.lastResort ? 1 : 0)
    .u16(v.suite)
    .u64(BigInt(v.expiresAt));
  writeClient(w, v.client);
  return w.finish();
}

export function decodeStoredLocation(bytes: Uint8Array): StoredLocation {
  return decode(
    bytes,
    (r) => ({
      lastResort: flag(r, "StoredLocation.last_resort"),
      suite: r.u16("StoredLocation.suite"),
      expiresAt: time(r, "StoredLocation.expires_at"),
      client: readClient(r),
    }),
    "StoredLocation",
  );
}

export function encodeRouteRecord(v: RouteRecord): Uint8Array {
  const w = new Writer(64).u8(v.lastResort ? 1 : 0).u64(BigInt(v.expiresAt));
  writeClient(w, v.client);
  return w.finish();
}

export function decodeRouteRecord(bytes: Uint8Array): RouteRecord {
  return decode(
    bytes,
    (r) => ({
      lastResort: flag(r, "RouteRecord.last_resort"),
      expiresAt: time(r, "RouteRecord.expires_at"),
      client: readClient(r),
    }),
    "RouteRecord",
  );
}
