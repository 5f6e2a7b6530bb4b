import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { SequencerMetrics } from "./sequencer/metrics.js";

/**
 * The key log's domain metrics on the server's Prometheus registry. Updates happen once per batch
 * or per rejected request, never per entry, so they stay off the hot path. No label carries
 * request data, tokens or keys (there are no labels at all).
 */
export class KeylogMetrics implements SequencerMetrics {
  private readonly appended: Counter;
  private readonly batchSize: Histogram;
  private readonly integration: Histogram;
  private readonly tree: Gauge;
  private readonly pool: Gauge;
  private readonly rejected: Counter;

  /** A private registry when none is given (tools that only need the sequencer). */
  constructor(readonly registry: Registry = new Registry()) {
    const registers = [registry];
    this.appended = new Counter({
      name: "keylog_entries_appended_total",
      help: "Entries integrated into the tree and covered by a signed checkpoint.",
      registers,
    });
    this.batchSize = new Histogram({
      name: "keylog_batch_entries",
      help: "Entries per integration batch (one synced write, one checkpoint).",
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384],
      registers,
    });
    this.integration = new Histogram({
      name: "keylog_integration_seconds",
      help: "Time from cutting a batch to its checkpoint being signed (after its synced write).",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.tree = new Gauge({
      name: "keylog_tree_size",
      help: "Size of the latest signed checkpoint.",
      registers,
    });
    this.pool = new Gauge({
      name: "keylog_pool_entries",
      help: "Entries waiting to be integrated.",
      registers,
    });
    this.rejected = new Counter({
      name: "keylog_pool_rejected_total",
      help: "Append requests refused with RESOURCE_EXHAUSTED because the sequencing pool was full.",
      registers,
    });
  }

  batchIntegrated(entries: number, seconds: number, treeSize: number): void {
    this.appended.inc(entries);
    this.batchSize.observe(entries);
    this.integration.observe(seconds);
    this.tree.set(treeSize);
  }

  treeSize(size: number): void {
    this.tree.set(size);
  }

  poolDepth(entries: number): void {
    this.pool.set(entries);
  }

  poolRejected(): void {
    this.rejected.inc();
  }
}
