/**
 * Upgrades a database written before entry bundles (one `'e' ‖ u64 index` key per entry) to the bundle
 * layout (`'b' ‖ u64 bundle index`, see entry-bundles.ts), in place, at start-up. Each synced batch
 * converts whole bundles — writes the bundle and deletes its entries' old keys together — so a crash
 * mid-way leaves every bundle either converted or not, and the next start simply continues. Nothing is
 * dropped: an old key beyond the tree, or a gap among the tree's entries, stops the upgrade with
 * `StoreCorruptionError` and the database as it was.
 */
import { encodeEntryBundle } from "@parley/tlog";
import type { LogDb } from "./db.js";

type BatchOp =
  | { readonly type: "put"; readonly key: Uint8Array; readonly value: Uint8Array }
  | { readonly type: "del"; readonly key: Uint8Array };
import { BUNDLE_WIDTH } from "./entry-bundles.js";
import { bundleKey, LEGACY_ENTRY_RANGE, legacyEntryIndexOfKey, legacyEntryKey } from "./keys.js";
import { StoreCorruptionError } from "./tile-builder.js";

/** Bundles per synced batch: ~16 × 256 entries, a few MB at most. */
const BUNDLES_PER_BATCH = 16;

async function firstLegacyIndex(db: LogDb): Promise<number | undefined> {
  const [first] = await db.keys({ ...LEGACY_ENTRY_RANGE, limit: 1 }).all();
  return first === undefined ? undefined : legacyEntryIndexOfKey(first);
}

/** Converts bundle `b` of a tree of `size` entries into batch operations; throws on a missing entry. */
async function convertBundle(db: LogDb, b: number, size: number): Promise<BatchOp[]> {
  const from = b * BUNDLE_WIDTH;
  const to = Math.min(from + BUNDLE_WIDTH, size);
  const keys = Array.from({ length: to - from }, (_, i) => legacyEntryKey(from + i));
  const values = await db.getMany(keys);
  const entries = values.map((v, i) => {
    if (v === undefined) throw new StoreCorruptionError(`pre-bundle entry ${from + i} of ${size} is missing`);
    return v;
  });
  return [
    { type: "put" as const, key: bundleKey(b), value: encodeEntryBundle(entries) },
    ...keys.map((key) => ({ type: "del" as const, key })),
  ];
}

/**
 * Moves every pre-bundle entry of a tree of `size` entries into bundles; returns how many entries were
 * moved (0 for a database already in the bundle layout).
 */
export async function migrateLegacyEntries(db: LogDb, size: number): Promise<number> {
  const start = await firstLegacyIndex(db);
  if (start === undefined) return 0;
  const [last] = await db.keys({ ...LEGACY_ENTRY_RANGE, reverse: true, limit: 1 }).all();
  const lastIndex = last === undefined ? start : legacyEntryIndexOfKey(last);
  if (lastIndex >= size) {
    throw new StoreCorruptionError(`pre-bundle entry ${lastIndex} lies beyond the tree of size ${size}`);
  }
  // A crash between batches leaves the earlier bundles converted: resume at the first unconverted one.
  const firstBundle = Math.floor(start / BUNDLE_WIDTH);
  const bundles = Math.ceil(size / BUNDLE_WIDTH);
  for (let b = firstBundle; b < bundles; b += BUNDLES_PER_BATCH) {
    const ops: BatchOp[] = [];
    for (let c = b; c < Math.min(b + BUNDLES_PER_BATCH, bundles); c++)
      ops.push(...(await convertBundle(db, c, size)));
    await db.batch(ops, { sync: true });
  }
  return size - firstBundle * BUNDLE_WIDTH;
}
