/**
 * Back-pressure: the sequencing pool is full. Callers should retry later; the service maps this
 * (and only this) to RESOURCE_EXHAUSTED.
 */
export class PoolFullError extends Error {
  override readonly name = "PoolFullError";
  constructor(
    readonly queued: number,
    readonly limit: number,
  ) {
    super(`sequencing pool is full (${queued} of ${limit} entries queued); retry later`);
  }
}

/**
 * The sequencer stopped: shutting down, or a durable write failed and memory may be ahead of
 * disk, so nothing more may be signed until a restart re-reads the store. Maps to UNAVAILABLE.
 */
export class SequencerStoppedError extends Error {
  override readonly name = "SequencerStoppedError";
}
