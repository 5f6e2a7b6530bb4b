import { concatBytes } from "@parley/codec";
import { StoreCorruptionError } from "./tile-builder.js";
import { HASH_SIZE } from "./tile-layout.js";

/** The persisted right edge of the tree: its size and the RFC 9162 compact range hashes. */
export interface TreeState {
  readonly size: number;
  readonly hashes: readonly Uint8Array[];
}

/** Stored form: u64 size ‖ the compact-range hashes, largest subtree first. */
export function encodeState(state: TreeState): Uint8Array {
  const size = new Uint8Array(8);
  new DataView(size.buffer).setBigUint64(0, BigInt(state.size));
  return concatBytes(size, ...state.hashes);
}

export function decodeState(raw: Uint8Array): TreeState {
  if (raw.length < 8 || (raw.length - 8) % HASH_SIZE !== 0) {
    throw new StoreCorruptionError(`tree state record has invalid length ${raw.length}`);
  }
  const size = Number(new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getBigUint64(0));
  const hashes: Uint8Array[] = [];
  for (let at = 8; at < raw.length; at += HASH_SIZE) hashes.push(raw.slice(at, at + HASH_SIZE));
  return { size, hashes };
}
