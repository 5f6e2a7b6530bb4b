/** c2sp.org/tlog-tiles "Log entries": bundles of big-endian uint16 length-prefixed entries. */
import { TileError } from "./errors.js";

const MAX_ENTRY = 0xffff;

export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const [i, e] of entries.entries()) {
    if (e.length > MAX_ENTRY)
      throw new TileError(`entry ${i} has ${e.length} bytes; bundles allow at most ${MAX_ENTRY}`);
    total += 2 + e.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    out[at] = e.length >> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

/** Decodes a bundle; a truncated length prefix or entry is an error, never silently dropped. */
export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length)
      throw new TileError(`entry bundle ends inside the length of entry ${out.length}`);
    const length = ((bundle[at] ?? 0) << 8) | (bundle[at + 1] ?? 0);
    if (at + 2 + length > bundle.length) {
      throw new TileError(
        `entry ${out.length} claims ${length} bytes but the bundle has ${bundle.length - at - 2} left`,
      );
    }
    out.push(bundle.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return out;
}
