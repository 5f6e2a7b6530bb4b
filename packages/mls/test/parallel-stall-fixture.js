/**
 * A sync-pool worker that claims one chunk of a job and never finishes it, as a worker stuck in native code
 * would (parallel-sync.test.ts checks that the caller gives up after `stallMs` instead of hanging). Jobs
 * already finished when they arrive (posted while this worker was loading) have nothing left to claim.
 */
import { workerData } from "node:worker_threads";

const forever = new Int32Array(new SharedArrayBuffer(4));
workerData.port.on("message", (job) => {
  if (Atomics.add(new Int32Array(job.control), 0, 1) < job.chunks) Atomics.wait(forever, 0, 0);
});
