/**
 * One worker thread of the crypto pool: posts batches to it, matches replies to their promises, and keeps
 * the thread ref'd only while a batch is in flight, so an idle pool never holds the process open.
 */
import { Worker } from "node:worker_threads";
import { InternalError, type MlsError } from "../../errors.js";
import {
  failureError,
  type BatchOp,
  type BatchRequest,
  type BatchResult,
  type ProviderName,
} from "./batch.js";
import type { WorkerReply, WorkerRequest } from "./worker-main.js";

const ENTRY = new URL("./worker-entry.js", import.meta.url);

type Result = BatchResult;

interface Pending {
  readonly op: BatchOp;
  readonly offset: number;
  resolve(result: Result): void;
  reject(err: MlsError): void;
}

export class PoolWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #gone = false;
  /** Resolves when the worker has loaded its code; rejects if it dies first. */
  readonly ready: Promise<void>;

  /** `onGone` tells the pool to forget this worker (it exited, crashed or was terminated). */
  constructor(
    provider: ProviderName,
    private readonly onGone: () => void,
  ) {
    // No execArgv: the parent's loader flags (--import tsx) must not reach the worker (see worker-entry.js).
    this.#worker = new Worker(ENTRY, { execArgv: [], workerData: { provider } });
    this.#worker.unref();
    this.ready = new Promise<void>((resolve, reject) => {
      this.#worker.on("message", (reply: WorkerReply) => {
        if (reply.kind === "ready") resolve();
        else this.#settle(reply);
      });
      this.#worker.on("error", (err) => {
        const error = new InternalError(`crypto pool worker failed: ${err.message}`);
        reject(error);
        this.#fail(error);
      });
      this.#worker.on("exit", (code) => {
        const error = new InternalError(`crypto pool worker exited (code ${code})`);
        reject(error);
        this.#fail(error);
      });
    });
    // A pool that is never warmed up must not surface the rejection as unhandled; batches see it themselves.
    this.ready.catch(() => undefined);
  }

  submit(batch: BatchRequest, offset: number): Promise<Result> {
    if (this.#gone) return Promise.reject(new InternalError("crypto pool worker is gone"));
    const id = this.#nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.#pending.set(id, { op: batch.op, offset, resolve, reject });
      if (this.#pending.size === 1) this.#worker.ref();
      this.#worker.postMessage({ id, batch } satisfies WorkerRequest);
    });
  }

  /** Ends the thread; pending batches are rejected with `reason`. */
  async terminate(reason: MlsError): Promise<void> {
    this.#fail(reason);
    await this.#worker.terminate();
  }

  #settle(reply: Exclude<WorkerReply, { kind: "ready" }>): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (reply.kind === "done") pending.resolve(reply.result);
    else pending.reject(failureError(pending.op, reply.failure, pending.offset));
  }

  #fail(error: MlsError): void {
    if (!this.#gone) {
      this.#gone = true;
      this.onGone();
    }
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
    this.#worker.unref();
  }
}
