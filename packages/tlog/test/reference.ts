/**
 * A deliberately naive model of RFC 9162 §2.1, written straight from the recursive definitions
 * (MTH, PATH, PROOF/SUBPROOF) and their subtree generalisation, used as the oracle for property
 * tests. Only MTH is memoised, so the recursion stays readable and fast enough for ~300 leaves.
 */
import { createHash } from "node:crypto";

const sha = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

/** k: the largest power of two smaller than n. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export class ReferenceTree {
  readonly #memo = new Map<string, Uint8Array>();
  constructor(readonly leaves: readonly Uint8Array[]) {}

  leafHash(i: number): Uint8Array {
    return sha(Uint8Array.of(0), this.leaves[i] ?? new Uint8Array(0));
  }

  /** MTH(D[lo:hi]). */
  mth(lo: number, hi: number): Uint8Array {
    const key = `${lo}:${hi}`;
    const hit = this.#memo.get(key);
    if (hit !== undefined) return hit;
    let out: Uint8Array;
    if (hi === lo) out = sha();
    else if (hi - lo === 1) out = this.leafHash(lo);
    else {
      const k = split(hi - lo);
      out = sha(Uint8Array.of(1), this.mth(lo, lo + k), this.mth(lo + k, hi));
    }
    this.#memo.set(key, out);
    return out;
  }

  /** PATH(m, D[lo:hi]) with m an absolute index. */
  path(m: number, lo: number, hi: number): Uint8Array[] {
    if (hi - lo <= 1) return [];
    const k = split(hi - lo);
    if (m < lo + k) return [...this.path(m, lo, lo + k), this.mth(lo + k, hi)];
    return [...this.path(m, lo + k, hi), this.mth(lo, lo + k)];
  }

  /** Run inclusion proof of leaves [a, b) within D[lo:hi]: each maximal split range without run leaves, left to right. */
  runProof(a: number, b: number, lo: number, hi: number): Uint8Array[] {
    if (hi <= a || lo >= b) return [this.mth(lo, hi)];
    if (hi - lo === 1) return [];
    const k = split(hi - lo);
    return [...this.runProof(a, b, lo, lo + k), ...this.runProof(a, b, lo + k, hi)];
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
  proof(m: number, n: number): Uint8Array[] {
    return this.subproof(m, 0, n, true);
  }

  /** SUBPROOF(m, D[lo:hi], b) with m an absolute size. */
  subproof(m: number, lo: number, hi: number, b: boolean): Uint8Array[] {
    if (m === hi) return b ? [] : [this.mth(lo, hi)];
    const k = split(hi - lo);
    if (m <= lo + k) return [...this.subproof(m, lo, lo + k, b), this.mth(lo + k, hi)];
    return [...this.subproof(m, lo + k, hi, false), this.mth(lo, lo + k)];
  }

  /** Subtree consistency proof of [start, end) within D[lo:hi]. */
  subtreeProof(start: number, end: number, lo: number, hi: number, b: boolean): Uint8Array[] {
    if (start === lo && end === hi) return b ? [] : [this.mth(lo, hi)];
    const k = split(hi - lo);
    if (end <= lo + k) return [...this.subtreeProof(start, end, lo, lo + k, b), this.mth(lo + k, hi)];
    if (start >= lo + k) return [...this.subtreeProof(start, end, lo + k, hi, b), this.mth(lo, lo + k)];
    return [...this.subtreeProof(lo + k, end, lo + k, hi, false), this.mth(lo, lo + k)];
  }
}

/** Deterministic pseudo-random entries so failures reproduce. */
export function entries(count: number, seed = 1): Uint8Array[] {
  const out: Uint8Array[] = [];
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const e = new Uint8Array(1 + (x % 40));
    for (let j = 0; j < e.length; j++) e[j] = (x >>> (j % 24)) & 255;
    out.push(e);
  }
  return out;
}

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  const at = Math.floor(bit / 8) % out.length;
  out[at] = (out[at] ?? 0) ^ (1 << (bit % 8));
  return out;
}
