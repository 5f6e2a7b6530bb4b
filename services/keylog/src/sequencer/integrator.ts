import { CompactRange } from "@parley/tlog";
import { nodeTreeHasher } from "@parley/tlog/node";
import type { LogStore, StagedWrite } from "../store/log-store.js";
import { TreeEdge } from "../tree/tree-edge.js";

/**
 * The "integrate" step: the growing in-memory tree (on node:crypto hashing, since this is where
 * the log hashes at ingest rate), its hash tiles, and the staged write that will carry both to
 * disk. It runs ahead of the disk: leaves are integrated as requests arrive, while an earlier
 * write is still being synced, and only a sealed write's size is ever signed.
 */
export class Integrator {
  private readonly tree: CompactRange;
  private readonly recordNode: (id: { level: number; index: number }, hash: Uint8Array) => void;

  constructor(
    private readonly store: LogStore,
    range: CompactRange,
  ) {
    this.tree = CompactRange.fromHashes(range.size, range.hashes(), nodeTreeHasher);
    this.recordNode = (id, hash) => store.tiles.recordNode(id.level, id.index, hash);
  }

  /** Leaves integrated so far, durable or not: the index the next leaf gets. */
  get size(): number {
    return this.tree.size;
  }

  /** A new write that starts at the tree's current size. */
  open(): StagedWrite {
    return this.store.stage(this.tree.size);
  }

  /**
   * Appends one request's leaves to the tree and tiles and stages its entries into `write`, which
   * must be the open write (its next index is the tree's size).
   */
  append(write: StagedWrite, entries: readonly Uint8Array[], leafHashes: readonly Uint8Array[]): void {
    if (write.firstIndex + write.entries !== this.tree.size) {
      throw new RangeError(
        `staged write ends at ${write.firstIndex + write.entries}, the tree at ${this.tree.size}`,
      );
    }
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      const hash = leafHashes[i];
      if (entry === undefined || hash === undefined) throw new RangeError("entry without a leaf hash");
      this.tree.append(hash, this.recordNode);
      write.addEntry(entry, hash);
    }
  }

  /**
   * Closes `write` with every tile changed since the last seal and the tree state it reaches, and
   * returns that size's right edge, from which its checkpoint and proofs are made.
   */
  seal(write: StagedWrite): TreeEdge {
    const hashes = this.tree.hashes();
    write.seal(this.store.tiles.takeBatch(), { size: this.tree.size, hashes });
    return TreeEdge.fromCompactRange(this.tree.size, hashes);
  }
}
