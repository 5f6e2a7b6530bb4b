/**
 * The worker side of the synchronous pool (sync-pool.ts). Each job arrives on the worker's own MessagePort
 * with a small shared control block; the worker claims chunks from the block's counter (the calling thread
 * claims from the same counter), posts each chunk's results back on the port, and only then counts the chunk
 * done, so a caller that sees every chunk done finds every result already queued on its end of the port.
 */
import { type MessagePort, workerData } from "node:worker_threads";
import { InternalError } from "../../errors.js";
import type { CryptoProvider } from "../provider.js";
import { describeFailure, runBatch, sliceBatch, type BatchFailure, type BatchRequest } from "./batch.js";

/** Slots of the shared Int32Array control block. */
export const NEXT_CHUNK = 0;
export const DONE_CHUNKS = 1;
export const CONTROL_SLOTS = 2;

export interface SyncJob {
  readonly id: number;
  readonly control: SharedArrayBuffer;
  readonly chunkSize: number;
  readonly chunks: number;
  readonly batch: BatchRequest;
}

export type SyncChunkReply =
  | { readonly id: number; readonly chunk: number; readonly result: unknown[] }
  | { readonly id: number; readonly chunk: number; readonly failure: BatchFailure };

/** Runs chunk `chunk` of `job` with `provider`; a failure is described, never thrown. */
export function runChunk(job: SyncJob, chunk: number, provider: CryptoProvider): SyncChunkReply {
  const start = chunk * job.chunkSize;
  const end = Math.min(start + job.chunkSize, job.batch.items.length);
  try {
    return { id: job.id, chunk, result: runBatch(sliceBatch(job.batch, start, end), provider) };
  } catch (err) {
    return { id: job.id, chunk, failure: describeFailure(err) };
  }
}

/** Claims and runs chunks of `job` until none are left. */
function work(port: MessagePort, job: SyncJob, provider: CryptoProvider): void {
  const control = new Int32Array(job.control);
  for (;;) {
    const chunk = Atomics.add(control, NEXT_CHUNK, 1);
    if (chunk >= job.chunks) return;
    port.postMessage(runChunk(job, chunk, provider));
    Atomics.add(control, DONE_CHUNKS, 1);
    Atomics.notify(control, DONE_CHUNKS);
  }
}

export function serveSync(provider: CryptoProvider): void {
  const port = (workerData as { port?: MessagePort } | undefined)?.port;
  if (port === undefined) throw new InternalError("the sync crypto worker needs a MessagePort in workerData");
  port.on("message", (job: SyncJob) => {
    work(port, job, provider);
  });
}
