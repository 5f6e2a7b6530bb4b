/**
 * A lazily started pool of worker threads for independent public-key operations, so a big Commit can use
 * every core: the HPKE encryptions of an UpdatePath (RFC 9420 §7.6) and the signature checks of a joined
 * tree (§12.4.3.1). Batches below `minParallelItems` run in the calling thread, where posting them to a
 * worker would cost more than it saves. Workers hold no state between batches (each batch carries its keys)
 * and are unref'd while idle, so an idle pool never keeps the process alive; `close()` ends them at once.
 */
import { availableParallelism } from "node:os";
import { UsageError } from "../../errors.js";
import type { HpkeCiphertext } from "../provider.js";
import {
  OP_NAMES,
  runInThread,
  sliceBatch,
  type BatchRequest,
  type BatchResult,
  type EncryptWithLabelItem,
  type HpkeSealItem,
  type ProviderName,
  type VerifyWithLabelItem,
} from "./batch.js";
import { checkItems } from "./check-items.js";
import { poolProvider, poolProviderName } from "./pool-provider.js";
import { PoolWorker } from "./pool-worker.js";

/**
 * Below this many items a batch runs in the calling thread. Measured with bench/mls-crypto/parallel.ts
 * (Node 20.20, 2 cores): a round trip to a running worker costs ~0.4 ms, one to two X25519 HPKE seals or
 * Ed25519 verifies, so with an idle second core two workers break even at ~3–4 items; 8 leaves a margin
 * for a busy machine (under load the pool never won at any size up to 32 items).
 */
export const DEFAULT_MIN_PARALLEL_ITEMS = 8;

export interface CryptoPoolOptions {
  /** Worker threads; default `os.availableParallelism()`. */
  readonly size?: number;
  /** The provider the workers (and the in-thread fallback) use; default "node". */
  readonly provider?: ProviderName;
  /** Smallest batch sent to the workers; smaller ones run in the calling thread. */
  readonly minParallelItems?: number;
}

type Result = BatchResult;

export class CryptoPool {
  readonly size: number;
  readonly provider: ProviderName;
  readonly minParallelItems: number;
  #workers: PoolWorker[] = [];
  #closed = false;

  constructor(options: CryptoPoolOptions = {}) {
    this.size = options.size ?? availableParallelism();
    this.provider = poolProviderName(options.provider);
    this.minParallelItems = options.minParallelItems ?? DEFAULT_MIN_PARALLEL_ITEMS;
    if (!Number.isInteger(this.size) || this.size < 1) {
      throw new UsageError(`crypto pool size must be a positive integer, got ${String(options.size)}`);
    }
    if (!Number.isInteger(this.minParallelItems) || this.minParallelItems < 1) {
      throw new UsageError(
        `minParallelItems must be a positive integer, got ${String(options.minParallelItems)}`,
      );
    }
  }

  /** How many worker threads are running now (0 until the first parallel batch or `warmUp`). */
  get running(): number {
    return this.#workers.length;
  }

  /** RFC 9180 §6.1 SealBase for every item; results in item order. */
  hpkeSealMany(suiteId: number, items: readonly HpkeSealItem[]): Promise<HpkeCiphertext[]> {
    return this.#run({ op: "hpkeSeal", provider: this.provider, suiteId, items }) as Promise<
      HpkeCiphertext[]
    >;
  }

  /** RFC 9420 §5.1.3 EncryptWithLabel for every item (an UpdatePath's path secrets); results in item order. */
  encryptWithLabelMany(suiteId: number, items: readonly EncryptWithLabelItem[]): Promise<HpkeCiphertext[]> {
    const batch = { op: "encryptWithLabel", provider: this.provider, suiteId, items } as const;
    return this.#run(batch) as Promise<HpkeCiphertext[]>;
  }

  /** RFC 9420 §5.1.2 VerifyWithLabel for every item; `false` where a signature does not verify. */
  verifyWithLabelMany(suiteId: number, items: readonly VerifyWithLabelItem[]): Promise<boolean[]> {
    return this.#run({ op: "verifyWithLabel", provider: this.provider, suiteId, items }) as Promise<
      boolean[]
    >;
  }

  /** Starts every worker and resolves once all have loaded, so the first real batch pays no start-up. */
  async warmUp(): Promise<void> {
    if (this.#closed) throw new UsageError("the crypto pool is closed");
    await Promise.all(this.#startAll().map((w) => w.ready));
  }

  /** Terminates every worker; pending batches are rejected. The pool cannot be used afterwards. */
  async close(): Promise<void> {
    this.#closed = true;
    const workers = this.#workers;
    this.#workers = [];
    await Promise.all(workers.map((w) => w.terminate(new UsageError("the crypto pool was closed"))));
  }

  async #run(batch: BatchRequest): Promise<Result> {
    const name = OP_NAMES[batch.op];
    if (this.#closed) throw new UsageError(`${name}: the crypto pool is closed`);
    checkItems(batch);
    // An unknown suite fails here, in the caller's thread, like the single-item call would.
    const provider = poolProvider(this.provider);
    provider.suite(batch.suiteId);
    if (batch.items.length < this.minParallelItems) return runInThread(batch, provider);
    const workers = this.#startAll();
    const chunks = Math.min(workers.length, batch.items.length);
    const per = Math.ceil(batch.items.length / chunks);
    const parts: Promise<Result>[] = [];
    for (let c = 0, offset = 0; offset < batch.items.length; c++, offset += per) {
      const worker = workers[c % workers.length];
      if (worker === undefined) throw new UsageError(`${name}: the crypto pool has no worker`);
      parts.push(worker.submit(sliceBatch(batch, offset, offset + per), offset));
    }
    return (await Promise.all(parts)).flat() as Result;
  }

  #startAll(): PoolWorker[] {
    while (this.#workers.length < this.size) {
      const worker: PoolWorker = new PoolWorker(this.provider, () => {
        this.#workers = this.#workers.filter((w) => w !== worker);
      });
      this.#workers.push(worker);
    }
    return this.#workers;
  }
}

let shared: CryptoPool | undefined;

/** A process-wide pool (node provider, one worker per core), created on first use; idle, it never blocks exit. */
export function sharedCryptoPool(): CryptoPool {
  shared ??= new CryptoPool();
  return shared;
}
