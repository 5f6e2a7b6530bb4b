import { HASH_SIZE, type CompactRange, type NoteSigner } from "@parley/tlog";
import type { TreeEdge } from "../tree/tree-edge.js";
import type { LogStore, StagedWrite } from "../store/log-store.js";
import { signCheckpoint, type PublishedCheckpoint } from "./checkpoint.js";
import { CheckpointWriter } from "./checkpoint-writer.js";
import { PoolFullError, SequencerStoppedError } from "./errors.js";
import { Integrator } from "./integrator.js";
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

/** A request whose leaves are in the tree and staged; it waits for its write and its checkpoint. */
interface Pending {
  readonly count: number;
  readonly enqueuedAt: number;
  readonly resolve: (s: Sequenced) => void;
  readonly reject: (err: Error) => void;
}

/** A request that arrived while the open write was full; integrated when the next one opens. */
interface Waiting {
  readonly pending: Pending;
  readonly entries: readonly Uint8Array[];
  readonly leafHashes: readonly Uint8Array[];
}

/** The open write: requests integrated into the tree and staged, not yet sealed. */
interface Stage {
  readonly write: StagedWrite;
  readonly requests: Pending[];
  readonly openedAt: number;
}

/** A sealed write on its way to disk, with the tree edge its checkpoint will sign. */
interface Sealed {
  readonly stage: Stage;
  readonly edge: TreeEdge;
}

/**
 * queue → sequence → integrate → publish. A request is given consecutive indices, hashed into the
 * tree and tiles and staged into the open level write as soon as it arrives (integrator.ts); the
 * open write is sealed with its tiles and tree state and made durable in one synced write; only
 * after that write completes is a checkpoint signed and are its callers answered.
 *
 * Exactly one synced write is in flight at a time: level applies concurrent writes in no fixed
 * order, and a later batch (or its tree state) landing before an earlier one would break the
 * "all of a batch or none, in order" rule recovery relies on. Everything else overlaps with that
 * write: while batch k syncs, arriving requests are integrated and staged as batch k+1 (group
 * commit with the work done up front); the moment k is durable, k+1 is sealed — a few edge tiles
 * and the tree state — and its write started, and only then is k signed and answered, so the
 * disk never waits for integration, signing, proofs or response encoding. Publishing runs strictly
 * in batch order, so the signed size only grows, and a signed size is always one whose write (and
 * every earlier one) is durable.
 */
export class Sequencer {
  private readonly integrator: Integrator;
  private stage: Stage | undefined;
  private readonly waiting: Waiting[] = [];
  /** Entries accepted but not yet in a sealed write (staged or waiting): the pool. */
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private publishing: Promise<void> = Promise.resolve();
  private stopped: Error | undefined;
  private readonly checkpoints: CheckpointWriter;

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
    this.integrator = new Integrator(store, range);
  }

  get latest(): PublishedCheckpoint {
    return this.published;
  }

  /** Queues one request's entries (already validated and hashed); resolves once published. */
  add(entries: readonly Uint8Array[], leafHashes: readonly Uint8Array[]): Promise<Sequenced> {
    if (this.stopped !== undefined) return Promise.reject(this.stopped);
    // Checked here so that integration can never fail half-way through a request.
    if (entries.length !== leafHashes.length || leafHashes.some((h) => h.length !== HASH_SIZE)) {
      return Promise.reject(new RangeError("each entry needs exactly one 32-byte leaf hash"));
    }
    if (this.queued + entries.length > this.options.poolMaxEntries) {
      this.metrics.poolRejected(entries.length);
      return Promise.reject(new PoolFullError(this.queued, this.options.poolMaxEntries));
    }
    return new Promise<Sequenced>((resolve, reject) => {
      const pending = { count: entries.length, enqueuedAt: performance.now(), resolve, reject };
      this.queued += entries.length;
      this.metrics.poolDepth(this.queued);
      if (this.waiting.length === 0 && this.fits(entries.length))
        this.integrate(pending, entries, leafHashes);
      else this.waiting.push({ pending, entries, leafHashes });
      this.schedule();
    });
  }

  /** Integrates and publishes what is already queued, stores the last checkpoint, then refuses new work. */
  async stop(): Promise<void> {
    this.stopped ??= new SequencerStoppedError("the key log is shutting down");
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing !== undefined || this.stage !== undefined) {
      if (this.writing === undefined) this.startWrite();
      if (this.writing !== undefined) await this.writing;
    }
    await this.publishing;
    await this.checkpoints.flush();
  }

  /** Whole requests per write, up to batchMaxEntries, but always at least one. */
  private fits(count: number): boolean {
    const staged = this.stage?.write.entries ?? 0;
    return staged === 0 || staged + count <= this.options.batchMaxEntries;
  }

  private integrate(
    pending: Pending,
    entries: readonly Uint8Array[],
    leafHashes: readonly Uint8Array[],
  ): void {
    try {
      this.stage ??= { write: this.integrator.open(), requests: [], openedAt: performance.now() };
      this.integrator.append(this.stage.write, entries, leafHashes);
      this.stage.requests.push(pending);
    } catch (cause) {
      this.fail([pending], cause);
    }
  }

  /** Moves waiting requests, oldest first, into the open write while they fit. */
  private refill(): void {
    for (let next = this.waiting[0]; next !== undefined; next = this.waiting[0]) {
      if (!this.fits(next.pending.count)) return;
      this.waiting.shift();
      this.integrate(next.pending, next.entries, next.leafHashes);
    }
  }

  private schedule(): void {
    const stage = this.stage;
    if (this.writing !== undefined || this.timer !== undefined || stage === undefined) return;
    const oldest = stage.requests[0]?.enqueuedAt ?? stage.openedAt;
    const wait = this.options.batchIntervalMs - (performance.now() - oldest);
    const full = this.waiting.length > 0 || stage.write.entries >= this.options.batchMaxEntries;
    if (full || wait <= 0 || this.stopped !== undefined) {
      this.startWrite();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.startWrite();
    }, wait);
  }

  /** Seals the open write and starts its synced write; a no-op while one is in flight. */
  private startWrite(): void {
    if (this.writing !== undefined) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const stage = this.stage;
    if (stage === undefined) return;
    this.stage = undefined;
    let sealed: Sealed;
    try {
      sealed = { stage, edge: this.integrator.seal(stage.write) };
    } catch (cause) {
      stage.write.discard().catch(() => undefined);
      this.fail(stage.requests, cause);
      return;
    }
    this.queued -= stage.write.entries;
    this.metrics.poolDepth(this.queued);
    this.writing = this.store.commit(stage.write).then(
      () => this.durable(sealed),
      (cause: unknown) => {
        this.writing = undefined;
        this.fail(stage.requests, cause);
      },
    );
    this.refill();
  }

  /** The batch is on disk: start the next write first, then sign and answer this one in order. */
  private durable(sealed: Sealed): void {
    this.store.tiles.batchPersisted(sealed.stage.write.tiles);
    this.writing = undefined;
    this.schedule();
    this.publishing = this.publishing.then(() => this.publish(sealed));
  }

  private async publish(sealed: Sealed): Promise<void> {
    const { stage, edge } = sealed;
    try {
      const checkpoint = await signCheckpoint(this.options.origin, this.signer, edge.size, edge.root);
      this.published = checkpoint;
      this.checkpoints.write(checkpoint.note);
      const seconds = (performance.now() - stage.openedAt) / 1000;
      this.metrics.batchIntegrated(stage.write.entries, seconds, edge.size);
      let firstIndex = stage.write.firstIndex;
      for (const p of stage.requests) {
        p.resolve({ firstIndex, checkpoint, edge });
        firstIndex += p.count;
      }
    } catch (cause) {
      this.fail(stage.requests, cause);
    }
  }

  /**
   * A failed write leaves memory ahead of disk: stop sequencing altogether and let a restart
   * rebuild state from the store, rather than sign a tree that may not be persisted. The open
   * write is dropped unwritten.
   */
  private fail(batch: readonly Pending[], cause: unknown): void {
    const err = new SequencerStoppedError("the key log stopped after a storage failure", { cause });
    this.stopped = err;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const open = this.stage;
    this.stage = undefined;
    for (const p of batch) p.reject(err);
    for (const p of open?.requests ?? []) p.reject(err);
    for (const w of this.waiting.splice(0)) w.pending.reject(err);
    open?.write.discard().catch(() => undefined);
    this.queued = 0;
    this.metrics.poolDepth(0);
  }
}
