/**
 * Worker threads for the independent public-key operations of a big group change, called synchronously.
 *
 * The group API computes a Commit or checks a joined tree in one synchronous call, so this pool does not
 * return promises: the calling thread shares the work. A batch is cut into chunks that the caller and the
 * workers claim from one counter in shared memory; the caller runs chunks until none are left, then blocks
 * (`Atomics.wait`) only for chunks a worker is still finishing, and takes the workers' results off its end of
 * each worker's MessagePort with `receiveMessageOnPort`, without returning to the event loop. A worker that
 * is still starting (or has died) claims nothing, so a call never waits for a worker to boot: the first big
 * batch after start-up simply runs mostly in the caller. Used for the HPKE encryptions of an UpdatePath and
 * a Welcome (RFC 9420 §7.6, §12.4.3.1) and the signature checks of added KeyPackages and joined trees
 * (§10.1, §12.4.3.1).
 */
import { availableParallelism } from "node:os";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { InternalError, UsageError } from "../../errors.js";
import {
  failureError,
  runInThread,
  type BatchFailure,
  type BatchRequest,
  type BatchResult,
  type ProviderName,
} from "./batch.js";
import { checkItems } from "./check-items.js";
import { poolProvider, poolProviderName } from "./pool-provider.js";
import { CONTROL_SLOTS, DONE_CHUNKS, NEXT_CHUNK, runChunk, type SyncChunkReply } from "./sync-worker.js";

const ENTRY = new URL("./worker-entry.js", import.meta.url);

/**
 * Below this many items a batch runs in the calling thread. A chunk round trip costs ~0.1–0.4 ms against
 * ~0.2–0.4 ms per X25519 HPKE seal or Ed25519 verify here (bench/mls-crypto/parallel.ts), and small batches
 * (a commit in a group of a few dozen) are not worth waking a worker for.
 */
export const DEFAULT_MIN_SYNC_ITEMS = 32;
/** A blocked caller gives up when no chunk completes for this long: a worker must have died mid-chunk. */
export const DEFAULT_STALL_MS = 60_000;

export interface SyncCryptoPoolOptions {
  /** Worker threads besides the caller; default one per core beyond the caller's own. 0 disables the pool. */
  readonly workers?: number;
  readonly provider?: ProviderName;
  readonly minItems?: number;
  readonly stallMs?: number;
  /** The worker script; default `worker-entry.js`. Tests use it to stand in a worker that misbehaves. */
  readonly workerEntry?: URL;
}

/** What the pool has done so far: batches sent to workers, their chunks, and how many the workers ran. */
export interface SyncPoolStats {
  readonly batches: number;
  readonly chunks: number;
  readonly chunksByWorkers: number;
}

interface SyncWorker {
  readonly worker: Worker;
  /** The caller's end; never given a listener, so its messages wait for `receiveMessageOnPort`. */
  readonly port: MessagePort;
  alive: boolean;
}

function positiveInt(value: number, what: string, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${what} must be an integer ≥ ${min}`);
  return value;
}

export class SyncCryptoPool {
  readonly workerCount: number;
  readonly provider: ProviderName;
  readonly minItems: number;
  readonly stallMs: number;
  readonly #entry: URL;
  #workers: SyncWorker[] = [];
  #nextJob = 1;
  #closed = false;
  #stats = { batches: 0, chunks: 0, chunksByWorkers: 0 };

  constructor(options: SyncCryptoPoolOptions = {}) {
    this.workerCount = positiveInt(options.workers ?? Math.max(availableParallelism() - 1, 0), "workers", 0);
    this.provider = poolProviderName(options.provider);
    this.minItems = positiveInt(options.minItems ?? DEFAULT_MIN_SYNC_ITEMS, "minItems", 1);
    this.stallMs = positiveInt(options.stallMs ?? DEFAULT_STALL_MS, "stallMs", 1);
    this.#entry = options.workerEntry ?? ENTRY;
  }

  /** Worker threads started and not known to have exited. */
  get running(): number {
    return this.#workers.filter((w) => w.alive).length;
  }

  get stats(): SyncPoolStats {
    return { ...this.#stats };
  }

  /** Starts the workers now rather than at the first big batch (they take ~0.5 s to load). */
  start(): void {
    if (this.#closed) throw new UsageError("the crypto pool is closed");
    this.#spawn();
  }

  /**
   * Runs `batch` (for the provider the pool's workers load), in item order. Throws what the single-item calls
   * throw, prefixed with the operation and item index.
   */
  run(batch: BatchRequest): BatchResult {
    checkItems(batch);
    if (batch.provider !== this.provider) {
      throw new UsageError(`a ${batch.provider} batch was given to a ${this.provider} pool`);
    }
    const provider = poolProvider(this.provider);
    provider.suite(batch.suiteId);
    const n = batch.items.length;
    if (this.#closed || this.workerCount === 0 || n < this.minItems) return runInThread(batch, provider);
    const workers = this.#spawn();
    const threads = workers.length + 1;
    // Enough chunks per thread to even out a slow start or a busy core; each a few milliseconds of work.
    const chunkSize = Math.max(4, Math.min(128, Math.ceil(n / (threads * 16))));
    const chunks = Math.ceil(n / chunkSize);
    const control = new SharedArrayBuffer(CONTROL_SLOTS * 4);
    const job = { id: this.#nextJob++, control, chunkSize, chunks, batch };
    for (const w of workers) w.port.postMessage(job);
    const replies: SyncChunkReply[] = [];
    const counters = new Int32Array(control);
    for (;;) {
      const chunk = Atomics.add(counters, NEXT_CHUNK, 1);
      if (chunk >= chunks) break;
      replies.push(runChunk(job, chunk, provider));
      Atomics.add(counters, DONE_CHUNKS, 1);
    }
    const own = replies.length;
    this.#awaitChunks(counters, chunks);
    for (const w of workers) {
      for (let m = receiveMessageOnPort(w.port); m !== undefined; m = receiveMessageOnPort(w.port)) {
        const reply = m.message as SyncChunkReply;
        if (reply.id === job.id) replies.push(reply);
      }
    }
    this.#stats.batches++;
    this.#stats.chunks += chunks;
    this.#stats.chunksByWorkers += replies.length - own;
    return assemble(batch, replies, chunks, chunkSize);
  }

  /** Ends the workers. Later batches run in the calling thread. */
  async close(): Promise<void> {
    this.#closed = true;
    const workers = this.#workers;
    this.#workers = [];
    await Promise.all(workers.map((w) => w.worker.terminate()));
    for (const w of workers) w.port.close();
  }

  /** Blocks until every chunk is done; a worker that stops making progress for `stallMs` fails the batch. */
  #awaitChunks(counters: Int32Array, chunks: number): void {
    let seen = Atomics.load(counters, DONE_CHUNKS);
    let since = Date.now();
    while (seen < chunks) {
      Atomics.wait(counters, DONE_CHUNKS, seen, Math.min(this.stallMs, 1000));
      const now = Atomics.load(counters, DONE_CHUNKS);
      if (now !== seen) {
        seen = now;
        since = Date.now();
      } else if (Date.now() - since >= this.stallMs) {
        // The stuck worker may hold a claimed chunk forever; start afresh next time.
        const stuck = this.#workers;
        this.#workers = [];
        for (const w of stuck) void w.worker.terminate();
        throw new InternalError(`a crypto worker stopped responding (${chunks - seen} of ${chunks} chunks)`);
      }
    }
  }

  #spawn(): SyncWorker[] {
    this.#workers = this.#workers.filter((w) => w.alive);
    while (this.#workers.length < this.workerCount) this.#workers.push(this.#startWorker());
    return this.#workers;
  }

  #startWorker(): SyncWorker {
    const { port1, port2 } = new MessageChannel();
    // No execArgv: the parent's loader flags (--import tsx) must not reach the worker (see worker-entry.js).
    const worker = new Worker(this.#entry, {
      execArgv: [],
      workerData: { provider: this.provider, mode: "sync", port: port2 },
      transferList: [port2],
    });
    // Idle workers never keep the process alive; a batch in flight keeps the caller busy anyway.
    worker.unref();
    port1.unref();
    const entry: SyncWorker = { worker, port: port1, alive: true };
    const gone = (): void => {
      entry.alive = false;
    };
    worker.on("error", gone);
    worker.on("exit", gone);
    return entry;
  }
}

/** Puts the chunks' results back in item order; the lowest failing item decides the error. */
function assemble(
  batch: BatchRequest,
  replies: readonly SyncChunkReply[],
  chunks: number,
  chunkSize: number,
): BatchResult {
  const byChunk = new Array<unknown[] | undefined>(chunks);
  let failure: { chunk: number; failure: BatchFailure } | undefined;
  for (const r of replies) {
    if ("failure" in r) {
      if (failure === undefined || r.chunk < failure.chunk) failure = { chunk: r.chunk, failure: r.failure };
    } else byChunk[r.chunk] = r.result;
  }
  if (failure !== undefined) throw failureError(batch.op, failure.failure, failure.chunk * chunkSize);
  const out: unknown[] = [];
  for (let c = 0; c < chunks; c++) {
    const part = byChunk[c];
    if (part === undefined) throw new InternalError(`crypto batch chunk ${c} of ${chunks} has no result`);
    for (const x of part) out.push(x);
  }
  return out as BatchResult;
}
