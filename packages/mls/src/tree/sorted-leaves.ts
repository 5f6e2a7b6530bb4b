/**
 * Sorted lists of leaf indices — RFC 9420 §7.1 keeps `unmerged_leaves` in increasing order — merged and
 * searched in linear and logarithmic time, so big groups never pay a quadratic `includes`/`filter` pass.
 */

/** Whether `sorted` (strictly increasing) holds `leaf`: binary search. */
export function hasSortedLeaf(sorted: readonly number[], leaf: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] ?? Infinity;
    if (v === leaf) return true;
    if (v < leaf) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** The union of two strictly increasing lists, strictly increasing (a value in both appears once). */
export function mergeSortedLeaves(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i] ?? Infinity;
    const y = b[j] ?? Infinity;
    if (x <= y) {
      out.push(x);
      i++;
      if (x === y) j++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** How many entries of `sorted` (increasing) are below `leaf`: the index where `leaf` would go. */
export function countBelow(sorted: readonly number[], leaf: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < leaf) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
