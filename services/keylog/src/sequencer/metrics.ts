/** What the sequencer reports; implemented over the server's Prometheus registry in ../metrics.ts. */
export interface SequencerMetrics {
  batchIntegrated(entries: number, seconds: number, treeSize: number): void;
  poolDepth(entries: number): void;
  poolRejected(entries: number): void;
}
