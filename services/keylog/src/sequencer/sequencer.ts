import type { CompactRange, NoteSigner } from "@parley/tlog";
import type { LogStore } from "../store/log-store.js";
import { signCheckpoint, type PublishedCheckpoint } from "./checkpoint.js";
import { PoolFullError, SequencerStoppedError } from "./errors.js";
import type { SequencerMetrics } from "./metrics.js";

export interface SequencerOptions {
  readonly origin: string;
  /** Longest an entry waits in the pool before a batch is cut (unless a batch is running). */
  readonly batchIntervalMs: number;
  /** Most entries integrated in one batch (one synced level write, one checkpoint). */
  readonly batchMaxEntries: number;
  /** Most entries waiting to be integrated; beyond it `add` throws PoolFullError. */
  readonly poolMaxEntries: number;
}

/** Where one Append request's entries landed and the checkpoint that covers them. */
export interface Sequenced {
  readonly firstIndex: number;
  readonly checkpoint: PublishedCheckpoint;
}

interface Pending {
  readonly entries: readonly Uint8Array[];
  readonly leafHashes: readonly Uint8Array[];
  readonly enqueuedAt: number;
  readonly resolve: (s: Sequenced) => void;
  readonly reject: (err: Error) => void;
}

/**
 * queue → sequence → integrate → publish. Requests wait in a bounded pool; one batch at a time is
 * cut from it, given consecutive indices, hashed into the tree and tiles, made durable in a
 * single synced write, covered by a newly signed checkpoint, and only then acknowledged. While a
 * batch is being written the next one accumulates (group commit), so batches grow with load.
 */
export class Sequencer {
  private readonly queue: Pending[] = [];
  private queued = 0;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped: Error | undefined;

  constructor(
    private readonly store: LogStore,
    private readonly range: CompactRange,
    private readonly signer: NoteSigner,
    private published: PublishedCheckpoint,
    private readonly options: SequencerOptions,
    private readonly metrics: SequencerMetrics,
  ) {}

  get latest(): PublishedCheckpoint {
    return this.published;
  }

  /** Queues one request's entries (already validated and hashed); resolves once published. */
  add(entries: readonly Uint8Array[], leafHashes: readonly Uint8Array[]): Promise<Sequenced> {
    if (this.stopped !== undefined) return Promise.reject(this.stopped);
    if (this.queued + entries.length > this.options.poolMaxEntries) {
      this.metrics.poolRejected(entries.length);
      return Promise.reject(new PoolFullError(this.queued, this.options.poolMaxEntries));
    }
    return new Promise<Sequenced>((resolve, reject) => {
      this.queue.push({ entries, leafHashes, enqueuedAt: performance.now(), resolve, reject });
      this.queued += entries.length;
      this.metrics.poolDepth(this.queued);
      this.schedule();
    });
  }

  /** Integrates what is already queued, then refuses new work. */
  async stop(): Promise<void> {
    this.stopped ??= new SequencerStoppedError("the key log is shutting down");
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running !== undefined || this.queue.length > 0) {
      await (this.running ?? this.runBatch());
    }
  }

  private schedule(): void {
    if (this.running !== undefined || this.timer !== undefined || this.queue.length === 0) return;
    const oldest = this.queue[0]?.enqueuedAt ?? performance.now();
    const wait = this.options.batchIntervalMs - (performance.now() - oldest);
    if (this.queued >= this.options.batchMaxEntries || wait <= 0) {
      void this.runBatch();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runBatch();
    }, wait);
  }

  private runBatch(): Promise<void> {
    if (this.running !== undefined) return this.running;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.cut();
    this.running = this.integrate(batch).finally(() => {
      this.running = undefined;
      this.schedule();
    });
    return this.running;
  }

  /** Whole requests, oldest first, up to batchMaxEntries (at least one request). */
  private cut(): Pending[] {
    const batch: Pending[] = [];
    let n = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (next === undefined || (batch.length > 0 && n + next.entries.length > this.options.batchMaxEntries))
        break;
      this.queue.shift();
      batch.push(next);
      n += next.entries.length;
    }
    this.queued -= n;
    this.metrics.poolDepth(this.queued);
    return batch;
  }

  private async integrate(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    const started = performance.now();
    const firstIndex = this.range.size;
    const entries: Uint8Array[] = [];
    const leafHashes: Uint8Array[] = [];
    const firstIndexes: number[] = [];
    try {
      for (const p of batch) {
        firstIndexes.push(firstIndex + entries.length);
        for (let i = 0; i < p.entries.length; i++) {
          const hash = p.leafHashes[i];
          const entry = p.entries[i];
          if (hash === undefined || entry === undefined)
            throw new Error("entries and leaf hashes differ in length");
          this.range.append(hash, (id, h) => this.store.tiles.recordNode(id.level, id.index, h));
          entries.push(entry);
          leafHashes.push(hash);
        }
      }
      const tiles = this.store.tiles.takeBatch();
      const state = { size: this.range.size, hashes: this.range.hashes() };
      await this.store.commit({ firstIndex, entries, leafHashes, tiles, state });
      this.store.tiles.batchPersisted(tiles);
      const checkpoint = await signCheckpoint(
        this.options.origin,
        this.signer,
        state.size,
        this.range.root(),
      );
      await this.store.putCheckpoint(checkpoint.note);
      this.published = checkpoint;
      this.metrics.batchIntegrated(entries.length, (performance.now() - started) / 1000, state.size);
      batch.forEach((p, i) => p.resolve({ firstIndex: firstIndexes[i] ?? firstIndex, checkpoint }));
    } catch (cause) {
      this.fail(batch, cause);
    }
  }

  /**
   * A failed durable write leaves memory ahead of disk: stop sequencing altogether and let a
   * restart rebuild state from the store, rather than sign a tree that may not be persisted.
   */
  private fail(batch: Pending[], cause: unknown): void {
    const err = new SequencerStoppedError("the key log stopped after a storage failure", { cause });
    this.stopped = err;
    for (const p of batch) p.reject(err);
    for (const p of this.queue.splice(0)) p.reject(err);
    this.queued = 0;
    this.metrics.poolDepth(0);
  }
}
