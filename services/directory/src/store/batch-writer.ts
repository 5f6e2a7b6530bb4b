/**
 * Group commit. Every mutation (a publish, a claim, a delete, a purge step) hands its operations
 * over as one unit; units that arrive while a write is in flight are written together in the next
 * single level batch. A unit is therefore never split across batches, so each mutation is atomic,
 * and with synced writes a claim is durable before it is answered (a crash cannot hand the same
 * KeyPackage out again), while concurrent claims share one fsync instead of queueing for one each.
 *
 * Units in one batch never touch the same key: callers hold the lock of every client whose keys
 * they write until their write resolves (client-locks.ts), and route/expiry keys derive from those.
 */
import type { DirectoryDb, DirectoryOp } from "./db.js";

interface Pending {
  readonly ops: readonly DirectoryOp[];
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

export class BatchWriter {
  private queue: Pending[] = [];
  private writing = false;

  constructor(
    private readonly db: DirectoryDb,
    private readonly sync: boolean,
  ) {}

  /** Resolves once `ops` are written (durably, when synced), all of them or none. */
  write(ops: readonly DirectoryOp[]): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ ops, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const units = this.queue;
      this.queue = [];
      const batch = this.db.batch();
      for (const unit of units) {
        for (const op of unit.ops) {
          if (op.type === "put") batch.put(op.key, op.value);
          else batch.del(op.key);
        }
      }
      try {
        await batch.write({ sync: this.sync });
        for (const unit of units) unit.resolve();
      } catch (err) {
        for (const unit of units) unit.reject(err);
      }
    }
    this.writing = false;
  }
}
