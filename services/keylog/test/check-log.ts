import assert from "node:assert/strict";
import { bytesEqual } from "@parley/codec";
import { CompactRange, leafHash, openNote, parseCheckpoint, parseVerifierKey } from "@parley/tlog";
import { decodeLogEntry } from "../src/entry/index.js";
import type { LogStore } from "../src/store/log-store.js";
import { TILE_WIDTH, tileWidthAt, widthOfExpanded } from "../src/store/tile-layout.js";

export interface CheckedLog {
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly note: string;
}

/**
 * The log invariant (Tessera/Sunlight style), re-derived from scratch: every stored entry decodes
 * and hashes to its leaf, every complete-subtree hash rebuilt from the entries equals the stored
 * tile node, every stored tile has exactly the width the tree implies, the persisted compact range
 * and the signed checkpoint's root equal the rebuilt root, and the checkpoint verifies under the
 * log's key. Run it after test steps while the log is idle.
 */
export async function checkLog(store: LogStore, verifierKey: string, origin: string): Promise<CheckedLog> {
  const note = await store.readCheckpoint();
  assert.ok(note !== undefined, "a checkpoint is stored");
  const cp = parseCheckpoint(openNote(note, [parseVerifierKey(verifierKey)]).body);
  assert.equal(cp.origin, origin);
  const state = await store.readState();
  assert.equal(cp.size, state.size, "the checkpoint covers the whole persisted tree");

  const range = CompactRange.empty();
  const mismatches: string[] = [];
  for (let start = 0; start < state.size; start += 4096) {
    const entries = await store.getEntries(start, Math.min(state.size, start + 4096));
    assert.equal(entries.length, Math.min(4096, state.size - start), `entries from ${start} are all stored`);
    for (const [i, entry] of entries.entries()) {
      decodeLogEntry(entry);
      const hash = leafHash(entry);
      range.append(hash, (id, h) => {
        if (!bytesEqual(store.nodes.readNode(id), h)) mismatches.push(`${id.level}/${id.index}`);
      });
      const first = await store.findLeafIndex(hash);
      assert.ok(first !== undefined && first <= start + i, `leaf ${start + i} is indexed by hash`);
    }
  }
  assert.deepEqual(mismatches, [], "stored node hashes equal the ones rebuilt from entries");
  assert.equal(await store.getEntry(state.size), undefined, "no entry beyond the tree");
  checkTileWidths(store, state.size);
  assert.ok(bytesEqual(range.root(), cp.rootHash), "checkpoint root equals the rebuilt root");
  const rebuilt = range.hashes();
  assert.ok(
    state.hashes.length === rebuilt.length &&
      state.hashes.every((h, i) => bytesEqual(h, rebuilt[i] ?? new Uint8Array())),
    "persisted compact range equals the rebuilt one",
  );
  return { size: cp.size, rootHash: cp.rootHash, note };
}

function checkTileWidths(store: LogStore, size: number): void {
  for (let level = 0; TILE_WIDTH ** level <= size; level++) {
    for (let index = 0; ; index++) {
      const want = tileWidthAt(size, level, index);
      const tile = store.tiles.readSync(level, index);
      if (want === 0) {
        assert.equal(tile, undefined, `no tile ${level}/${index} beyond the tree`);
        break;
      }
      assert.ok(tile !== undefined, `tile ${level}/${index} is stored`);
      assert.equal(widthOfExpanded(tile.length), want, `tile ${level}/${index} width`);
    }
  }
}
