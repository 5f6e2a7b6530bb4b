import { bytesEqual } from "@parley/codec";
import {
  CompactRange,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  treeRoot,
  type NoteSigner,
} from "@parley/tlog";
import { nodeTreeHasher } from "@parley/tlog/node";
import type { LogStore } from "../store/log-store.js";
import { StoreCorruptionError } from "../store/tile-builder.js";
import { signCheckpoint, type PublishedCheckpoint } from "./checkpoint.js";

export interface RecoveredLog {
  readonly range: CompactRange;
  readonly published: PublishedCheckpoint;
  /** Entries that were durable but not yet covered by a checkpoint before this start. */
  readonly resignedTail: number;
}

/**
 * Restart: rebuild the sequencer's state from what is durable and prove it coherent before
 * signing anything. The tree state, the tiles and the entries were written in one synced batch,
 * so they must agree; the stored checkpoint may lag (it is written after that batch) but never
 * lead. A durable but unsigned tail is kept and signed now: it is never rewritten, and clients
 * that were not acknowledged simply see their entries appear.
 */
export async function recoverLog(
  store: LogStore,
  origin: string,
  signer: NoteSigner & { verifierKey: string },
): Promise<RecoveredLog> {
  const state = await store.readState();
  const range = CompactRange.fromHashes(state.size, state.hashes, nodeTreeHasher);
  await store.tiles.loadEdge(state.size);
  await store.loadEntryEdge(state.size);
  const root = range.root();
  if (state.size > 0) {
    const fromTiles = await treeRoot(state.size, store.nodes);
    if (!bytesEqual(fromTiles, root)) {
      throw new StoreCorruptionError(`stored tiles disagree with the tree state at size ${state.size}`);
    }
    if ((await store.getEntry(state.size - 1)) === undefined) {
      throw new StoreCorruptionError(`entry ${state.size - 1} is missing`);
    }
  }
  if ((await store.getEntry(state.size)) !== undefined) {
    throw new StoreCorruptionError(`entry ${state.size} exists beyond the tree state`);
  }
  const stored = await readStoredCheckpoint(store, origin, signer.verifierKey);
  if (stored !== undefined) {
    if (stored.size > state.size) {
      throw new StoreCorruptionError(
        `checkpoint size ${stored.size} is ahead of the stored tree (${state.size})`,
      );
    }
    const rootThen = stored.size === state.size ? root : await treeRoot(stored.size, store.nodes);
    if (!bytesEqual(rootThen, stored.rootHash)) {
      throw new StoreCorruptionError(
        `stored checkpoint at size ${stored.size} does not match the stored tree`,
      );
    }
    if (stored.size === state.size) return { range, published: stored, resignedTail: 0 };
  }
  const published = await signCheckpoint(origin, signer, state.size, root);
  await store.putCheckpoint(published.note);
  return { range, published, resignedTail: state.size - (stored?.size ?? 0) };
}

async function readStoredCheckpoint(
  store: LogStore,
  origin: string,
  verifierKey: string,
): Promise<PublishedCheckpoint | undefined> {
  const note = await store.readCheckpoint();
  if (note === undefined) return undefined;
  const opened = openNote(note, [parseVerifierKey(verifierKey)]);
  const cp = parseCheckpoint(opened.body);
  if (cp.origin !== origin) {
    throw new StoreCorruptionError(
      `stored checkpoint has origin ${cp.origin}, configured origin is ${origin}`,
    );
  }
  return { note, size: cp.size, rootHash: cp.rootHash };
}
