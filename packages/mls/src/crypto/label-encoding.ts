/**
 * The byte strings the RFC 9420 §5 / §8 labelled operations feed to a primitive (KDFLabel, SignContent,
 * EncryptContext, RefHashInput), built straight into one exactly-sized array. Every part that depends only on
 * the label (and, for KDFLabel, the output length) is a protocol constant, encoded once and reused: these
 * encodings run ten times per PrivateMessage and once per node of a tree operation, so a general-purpose
 * encoder's allocations and bounds checks would cost more than the copying itself.
 */
import { varintSize } from "@parley/codec";
import { labelBytes } from "./bytes.js";

const MLS_PREFIX = "MLS 1.0 ";

/** Labels are protocol constants; the bound only stops a caller that builds labels dynamically from growing it. */
const MAX_CACHED = 128;

/** `opaque<V>` of `bytes`: an RFC 9420 §2.1.2 varint length, then the bytes. */
function opaqueVector(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(varintSize(bytes.length) + bytes.length);
  out.set(bytes, putVarint(out, 0, bytes.length));
  return out;
}

/** Writes the RFC 9420 §2.1.2 varint `v` (already range-checked by `varintSize`) at `at`; returns the next offset. */
function putVarint(out: Uint8Array, at: number, v: number): number {
  if (v < 0x40) {
    out[at] = v;
    return at + 1;
  }
  if (v < 0x4000) {
    out[at] = 0x40 | (v >>> 8);
    out[at + 1] = v & 0xff;
    return at + 2;
  }
  out[at] = 0x80 | (v >>> 24);
  out[at + 1] = (v >>> 16) & 0xff;
  out[at + 2] = (v >>> 8) & 0xff;
  out[at + 3] = v & 0xff;
  return at + 4;
}

function cached<K>(cache: Map<K, Uint8Array>, key: K, make: () => Uint8Array): Uint8Array {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  if (cache.size < MAX_CACHED) cache.set(key, value);
  return value;
}

const mlsLabels = new Map<string, Uint8Array>();
const rawLabels = new Map<string, Uint8Array>();
/** KDFLabel prefixes by output length, then label: no key string is built on the per-message path. */
const kdfPrefixes = new Map<number, Map<string, Uint8Array>>();

/** `opaque label<V> = "MLS 1.0 " + label`, encoded. */
function mlsLabelVector(label: string): Uint8Array {
  return cached(mlsLabels, label, () => opaqueVector(labelBytes(MLS_PREFIX + label)));
}

/**
 * `prefix || varint(|value|) || value || trailer`: the common shape of every labelled input, where
 * `prefix` is the pre-encoded constant part and `trailer` a fixed byte count left zero for the caller.
 */
function withVector(prefix: Uint8Array, value: Uint8Array, trailer: number): Uint8Array {
  const out = new Uint8Array(prefix.length + varintSize(value.length) + value.length + trailer);
  out.set(prefix);
  out.set(value, putVarint(out, prefix.length, value.length));
  return out;
}

/**
 * RFC 9420 §8 KDFLabel = struct { uint16 length; opaque label<V> = "MLS 1.0 " + Label; opaque context<V>; },
 * followed by `trailer` spare zero bytes (HKDF-Expand appends its block counter there, RFC 5869 §2.3).
 * `length` must already be checked to fit a uint16.
 */
export function kdfLabel(label: string, context: Uint8Array, length: number, trailer = 0): Uint8Array {
  let byLabel = kdfPrefixes.get(length);
  if (byLabel === undefined) {
    byLabel = new Map<string, Uint8Array>();
    if (kdfPrefixes.size < MAX_CACHED) kdfPrefixes.set(length, byLabel);
  }
  const prefix = cached(byLabel, label, () => {
    const l = mlsLabelVector(label);
    const out = new Uint8Array(2 + l.length);
    out[0] = length >>> 8;
    out[1] = length & 0xff;
    out.set(l, 2);
    return out;
  });
  return withVector(prefix, context, trailer);
}

/**
 * `struct { opaque label<V> = "MLS 1.0 " + Label; opaque content<V>; }`: SignContent (§5.1.2) and
 * EncryptContext (§5.1.3) share this shape.
 */
export function mlsLabelledContent(label: string, content: Uint8Array): Uint8Array {
  return withVector(mlsLabelVector(label), content, 0);
}

/** §5.2 RefHashInput = struct { opaque label<V>; opaque value<V>; }; here the label is used as given. */
export function refHashInput(label: string, value: Uint8Array): Uint8Array {
  return withVector(
    cached(rawLabels, label, () => opaqueVector(labelBytes(label))),
    value,
    0,
  );
}
