import { CompactRange, HASH_SIZE, type NoteSigner } from "@parley/tlog";
import { nodeTreeHasher } from "@parley/tlog/node";
import { TreeEdge } from "../tree/tree-edge.js";
import type { IntegratedBatch, LogStore } from "../store/log-store.js";
import { signCheckpoint, type PublishedCheckpoint } from "./checkpoint.js";
import { CheckpointWriter } from "./checkpoint-writer.js";
import { PoolFullError, SequencerStoppedError } from "./errors.js";
import type { SequencerMetrics } from "./metrics.js";

export interface SequencerOptions {
  readonly origin: string;
  /** Longest an entry waits in the pool before a batch is cut (unless a write is in flight). */
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
  /** The right edge of the checkpoint's tree, so that proofs against it need no hashing. */
  readonly edge: TreeEdge;
}

interface Pending {
  readonly entries: readonly Uint8Array[];
  readonly leafHashes: readonly Uint8Array[];
  readonly enqueuedAt: number;
  readonly resolve: (s: Sequenced) => void;
  readonly reject: (err: Error) => void;
}

/** A batch hashed into the in-memory tree: what its synced write carries and what it will sign. */
interface Integrated {
  readonly requests: readonly Pending[];
  readonly write: IntegratedBatch;
  readonly edge: TreeEdge;
  readonly startedAt: number;
}

/**
 * queue → sequence → integrate → publish. Requests wait in a bounded pool; a batch is cut from
 * it, given consecutive indices, hashed into the tree and tiles, and made durable in a single
 * synced write; only after that write completes is a checkpoint signed and are callers answered.
 *
 * Exactly one synced write is in flight at a time: level applies concurrent writes in no fixed
 * order, and a later batch (or its tree state) landing before an earlier one would break the
 * "all of a batch or none, in order" rule recovery relies on. The pipeline is instead: while
 * batch k's write is in flight, the next batch accumulates (group commit); the moment it is
 * durable, batch k+1 is cut and its write started, and only then is batch k signed and
 * answered, so the disk never waits for signing, proofs or response encoding. Publishing runs
 * strictly in batch order, so the signed size only grows.
 */
export class Sequencer {
  private readonly queue: Pending[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private publishing: Promise<void> = Promise.resolve();
  private stopped: Error | undefined;
  private readonly checkpoints: CheckpointWriter;
  private readonly recordNode: (id: { level: number; index: number }, hash: Uint8Array) => void;
  /** The growing tree, on node:crypto hashing: appending is where the log hashes at ingest rate. */
  private readonly tree: CompactRange;

  constructor(
    private readonly store: LogStore,
    range: CompactRange,
    private readonly signer: NoteSigner,
    private published: PublishedCheckpoint,
    private readonly options: SequencerOptions,
    private readonly metrics: SequencerMetrics,
  ) {
    this.checkpoints = new CheckpointWriter(
      (note) => store.putCheckpoint(note),
      (cause) => this.fail([], cause),
    );
    this.recordNode = (id, hash) => store.tiles.recordNode(id.level, id.index, hash);
    this.tree = CompactRange.fromHashes(range.size, range.hashes(), nodeTreeHasher);
  }

  get latest(): PublishedCheckpoint {
    return this.published;
  }

  /** Queues one request's entries (already validated and hashed); resolves once published. */
  add(entries: readonly Uint8Array[], leafHashes: readonly Uint8Array[]): Promise<Sequenced> {
    if (this.stopped !== undefined) return Promise.reject(this.stopped);
    // Checked here so that integration can never fail half-way through a batch.
    if (entries.length !== leafHashes.length || leafHashes.some((h) => h.length !== HASH_SIZE)) {
      return Promise.reject(new RangeError("each entry needs exactly one 32-byte leaf hash"));
    }
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

  /** Integrates and publishes what is already queued, stores the last checkpoint, then refuses new work. */
  async stop(): Promise<void> {
    this.stopped ??= new SequencerStoppedError("the key log is shutting down");
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing !== undefined || this.queue.length > 0) {
      if (this.writing === undefined) this.startBatch();
      if (this.writing !== undefined) await this.writing;
    }
    await this.publishing;
    await this.checkpoints.flush();
  }

  private schedule(): void {
    if (this.writing !== undefined || this.timer !== undefined || this.queue.length === 0) return;
    const oldest = this.queue[0]?.enqueuedAt ?? performance.now();
    const wait = this.options.batchIntervalMs - (performance.now() - oldest);
    if (this.queued >= this.options.batchMaxEntries || wait <= 0 || this.stopped !== undefined) {
      this.startBatch();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.startBatch();
    }, wait);
  }

  /** Cuts, integrates in memory and starts the one synced write; a no-op while one is in flight. */
  private startBatch(): void {
    if (this.writing !== undefined) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const requests = this.cut();
    if (requests.length === 0) return;
    let batch: Integrated;
    try {
      batch = this.integrate(requests);
    } catch (cause) {
      this.fail(requests, cause);
      return;
    }
    this.writing = this.store.commit(batch.write).then(
      () => this.durable(batch),
      (cause: unknown) => {
        this.writing = undefined;
        this.fail(batch.requests, cause);
      },
    );
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

  /** Appends the requests' leaves to the tree and tiles (memory only) and assembles their write. */
  private integrate(requests: readonly Pending[]): Integrated {
    const startedAt = performance.now();
    const firstIndex = this.tree.size;
    const entries: Uint8Array[] = [];
    const leafHashes: Uint8Array[] = [];
    for (const p of requests) {
      for (let i = 0; i < p.entries.length; i++) {
        const entry = p.entries[i];
        const hash = p.leafHashes[i];
        // add() checked both arrays have one 32-byte hash per entry.
        if (entry === undefined || hash === undefined) throw new RangeError("entry without a leaf hash");
        this.tree.append(hash, this.recordNode);
        entries.push(entry);
        leafHashes.push(hash);
      }
    }
    const tiles = this.store.tiles.takeBatch();
    const hashes = this.tree.hashes();
    const state = { size: this.tree.size, hashes };
    const edge = TreeEdge.fromCompactRange(state.size, hashes);
    return { requests, write: { firstIndex, entries, leafHashes, tiles, state }, edge, startedAt };
  }

  /** The batch is on disk: start the next write first, then sign and answer this one in order. */
  private durable(batch: Integrated): void {
    this.store.tiles.batchPersisted(batch.write.tiles);
    this.writing = undefined;
    this.schedule();
    this.publishing = this.publishing.then(() => this.publish(batch));
  }

  private async publish(batch: Integrated): Promise<void> {
    try {
      const { edge } = batch;
      const checkpoint = await signCheckpoint(this.options.origin, this.signer, edge.size, edge.root);
      this.published = checkpoint;
      this.checkpoints.write(checkpoint.note);
      const seconds = (performance.now() - batch.startedAt) / 1000;
      this.metrics.batchIntegrated(batch.write.entries.length, seconds, edge.size);
      let firstIndex = batch.write.firstIndex;
      for (const p of batch.requests) {
        p.resolve({ firstIndex, checkpoint, edge });
        firstIndex += p.entries.length;
      }
    } catch (cause) {
      this.fail(batch.requests, cause);
    }
  }

  /**
   * A failed write leaves memory ahead of disk: stop sequencing altogether and let a restart
   * rebuild state from the store, rather than sign a tree that may not be persisted.
   */
  private fail(batch: readonly Pending[], cause: unknown): void {
    const err = new SequencerStoppedError("the key log stopped after a storage failure", { cause });
    this.stopped = err;
    for (const p of batch) p.reject(err);
    for (const p of this.queue.splice(0)) p.reject(err);
    this.queued = 0;
    this.metrics.poolDepth(0);
  }
}
