/**
 * A map keyed by public keys (byte strings), for the key-uniqueness rules of RFC 9420 §7.3 and §12.4.3.1.
 * Keys are bucketed by a 32-bit fingerprint read from their last four bytes — random for every KEM and
 * signature key MLS uses (the first byte of an uncompressed NIST point is always 4) — so checking a whole
 * tree's keys allocates nothing per key and compares bytes only on a fingerprint match.
 */
import { bytesEqual } from "@parley/codec";

function fingerprint(key: Uint8Array): number {
  const n = key.length;
  if (n < 4) return -1 - n;
  return (
    (((key[n - 4] ?? 0) << 24) | ((key[n - 3] ?? 0) << 16) | ((key[n - 2] ?? 0) << 8) | (key[n - 1] ?? 0)) >>>
    0
  );
}

export class KeyMap<V> {
  readonly #buckets = new Map<number, { key: Uint8Array; value: V }[]>();

  get(key: Uint8Array): V | undefined {
    const bucket = this.#buckets.get(fingerprint(key));
    if (bucket === undefined) return undefined;
    for (const entry of bucket) if (bytesEqual(entry.key, key)) return entry.value;
    return undefined;
  }

  /** Adds `key`, or replaces its value if it is already present. */
  set(key: Uint8Array, value: V): void {
    const f = fingerprint(key);
    const bucket = this.#buckets.get(f);
    if (bucket === undefined) {
      this.#buckets.set(f, [{ key, value }]);
      return;
    }
    const entry = bucket.find((e) => bytesEqual(e.key, key));
    if (entry === undefined) bucket.push({ key, value });
    else entry.value = value;
  }
}
