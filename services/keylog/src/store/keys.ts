/**
 * The level key space. One byte tag, then big-endian numbers so that lexicographic key order is
 * numeric order (bundles iterate by index; leaf-hash keys sort by index within one hash).
 *
 *   'b' ‖ u64 bundle index          → entry bundle: entries 256·N … (tlog-tiles, see entry-bundles.ts)
 *   'h' ‖ leaf hash[32] ‖ u64 index → empty (leaf hash → index lookup; first index wins)
 *   't' ‖ u8 tile level ‖ u64 index → expanded hash tile (see tile-layout.ts)
 *   's'                             → tree state: u64 size ‖ compact-range hashes
 *   'c'                             → latest signed checkpoint note (UTF-8)
 *
 * Tag 'e' (one key per entry) was the layout before entry bundles; start-up converts such a
 * database in place (migrate-entries.ts).
 */
const TAG_BUNDLE = 0x62;
const TAG_LEGACY_ENTRY = 0x65;
const TAG_LEAF = 0x68;
const TAG_TILE = 0x74;

export const STATE_KEY = Uint8Array.of(0x73);
export const CHECKPOINT_KEY = Uint8Array.of(0x63);
/** Bytes of a leaf-hash index key. */
export const LEAF_KEY_SIZE = 41;

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

export function bundleKey(index: number): Uint8Array {
  const k = new Uint8Array(9);
  k[0] = TAG_BUNDLE;
  putU64(k, 1, index);
  return k;
}

export function bundleIndexOfKey(key: Uint8Array): number {
  return Number(new DataView(key.buffer, key.byteOffset, key.byteLength).getBigUint64(1));
}

/** Key bounds [gte, lt) of every key of the pre-bundle layout. */
export const LEGACY_ENTRY_RANGE = {
  gte: Uint8Array.of(TAG_LEGACY_ENTRY),
  lt: Uint8Array.of(TAG_LEGACY_ENTRY + 1),
};

/** The pre-bundle key of entry `index` (only the upgrade reads these). */
export function legacyEntryKey(index: number): Uint8Array {
  const k = new Uint8Array(9);
  k[0] = TAG_LEGACY_ENTRY;
  putU64(k, 1, index);
  return k;
}

export function legacyEntryIndexOfKey(key: Uint8Array): number {
  return bundleIndexOfKey(key);
}

/**
 * Writes the leaf-hash index key of (leafHash, index) into `into` at `at`. The caller supplies
 * the memory so that keys built per entry can share one off-heap buffer (see staged-write.ts).
 */
export function writeLeafKey(into: Uint8Array, at: number, leafHash: Uint8Array, index: number): void {
  into[at] = TAG_LEAF;
  into.set(leafHash, at + 1);
  putU64(into, at + 33, index);
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
