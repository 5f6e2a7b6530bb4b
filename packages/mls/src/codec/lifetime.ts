import type { Reader, Writer } from "@parley/codec";

/** RFC 9420 §7.2: validity window of a KeyPackage's LeafNode, in seconds since the Unix epoch. */
export interface Lifetime {
  readonly notBefore: bigint;
  readonly notAfter: bigint;
}

export function encodeLifetime(w: Writer, v: Lifetime): void {
  w.u64(v.notBefore).u64(v.notAfter);
}

export function decodeLifetime(r: Reader, path = "Lifetime"): Lifetime {
  return { notBefore: r.u64(`${path}.not_before`), notAfter: r.u64(`${path}.not_after`) };
}
