/**
 * The crypto pool's worker side: answers each `WorkerRequest` with the results of `runBatch`, or with a
 * `BatchFailure` naming the failed item. Started by `worker-entry.js`.
 */
import { parentPort } from "node:worker_threads";
import { InternalError } from "../../errors.js";
import type { CryptoProvider } from "../provider.js";
import {
  describeFailure,
  runBatch,
  type BatchFailure,
  type BatchRequest,
  type BatchResult,
} from "./batch.js";

export interface WorkerRequest {
  readonly id: number;
  readonly batch: BatchRequest;
}

export type WorkerReply =
  | { readonly kind: "ready" }
  | { readonly kind: "done"; readonly id: number; readonly result: BatchResult }
  | { readonly kind: "failed"; readonly id: number; readonly failure: BatchFailure };

/** `provider` is the pool's; worker-entry.js loads only that one (the noble one takes ~0.7 s to load). */
export function serve(provider: CryptoProvider): void {
  const port = parentPort;
  if (port === null) throw new InternalError("the crypto pool worker must run in a worker thread");
  port.on("message", (request: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      reply = { kind: "done", id: request.id, result: runBatch(request.batch, provider) };
    } catch (err) {
      reply = { kind: "failed", id: request.id, failure: describeFailure(err) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ kind: "ready" } satisfies WorkerReply);
}
