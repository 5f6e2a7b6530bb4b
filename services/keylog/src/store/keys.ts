/**
 * The level key space. One byte tag, then big-endian numbers so that lexicographic key order is
 * numeric order (entries iterate by index; leaf-hash keys sort by index within one hash).
 *
 *   'e' ‖ u64 index                 → the entry bytes
 *   'h' ‖ leaf hash[32] ‖ u64 index → empty (leaf hash → index lookup; first index wins)
 *   't' ‖ u8 tile level ‖ u64 index → expanded hash tile (see tile-layout.ts)
 *   's'                             → tree state: u64 size ‖ compact-range hashes
 *   'c'                             → latest signed checkpoint note (UTF-8)
 */
const TAG_ENTRY = 0x65;
const TAG_LEAF = 0x68;
const TAG_TILE = 0x74;

export const STATE_KEY = Uint8Array.of(0x73);
export const CHECKPOINT_KEY = Uint8Array.of(0x63);

/** Big-endian u64 of a safe integer, without a DataView or BigInt (keys are built per entry). */
function putU64(into: Uint8Array, at: number, v: number): void {
  let high = Math.floor(v / 0x100000000);
  let low = v >>> 0;
  for (let i = 7; i >= 4; i--) {
    into[at + i] = low & 0xff;
    low >>>= 8;
  }
  for (let i = 3; i >= 0; i--) {
    into[at + i] = high & 0xff;
    high >>>= 8;
  }
}

export function entryKey(index: number): Uint8Array {
  const k = new Uint8Array(9);
  k[0] = TAG_ENTRY;
  putU64(k, 1, index);
  return k;
}

export function entryIndexOfKey(key: Uint8Array): number {
  return Number(new DataView(key.buffer, key.byteOffset, key.byteLength).getBigUint64(1));
}

export function leafKey(leafHash: Uint8Array, index: number): Uint8Array {
  const k = new Uint8Array(41);
  k[0] = TAG_LEAF;
  k.set(leafHash, 1);
  putU64(k, 33, index);
  return k;
}

/** Key bounds [gte, lt) covering every index recorded for one leaf hash. */
export function leafKeyRange(leafHash: Uint8Array): { gte: Uint8Array; lt: Uint8Array } {
  const gte = new Uint8Array(33);
  gte[0] = TAG_LEAF;
  gte.set(leafHash, 1);
  const lt = new Uint8Array(42);
  lt.set(gte);
  lt.fill(0xff, 33);
  return { gte, lt };
}

export function leafIndexOfKey(key: Uint8Array): number {
  return Number(new DataView(key.buffer, key.byteOffset, key.byteLength).getBigUint64(33));
}

export function tileKey(level: number, index: number): Uint8Array {
  const k = new Uint8Array(10);
  k[0] = TAG_TILE;
  k[1] = level;
  putU64(k, 2, index);
  return k;
}
