/**
 * The process-wide synchronous pools the group code uses for big batches (sync-pool.ts), one per built-in
 * provider, and the two batch calls it makes: EncryptWithLabel for every recipient of an UpdatePath or a
 * Welcome, and VerifyWithLabel for every signature of a joined tree or a list of added KeyPackages. A cipher
 * suite from any other provider (a test double, an application's own backend) always runs in the caller's
 * thread, item by item, exactly as the single-item calls would.
 */
import { encryptWithLabel } from "../labels.js";
import { nobleProvider } from "../noble/index.js";
import { nodeProvider } from "../node/index.js";
import type { CipherSuite, CryptoProvider, HpkeCiphertext } from "../provider.js";
import type { EncryptWithLabelItem, ProviderName, VerifyWithLabelItem } from "./batch.js";
import { runWithVerdicts } from "./checked-signatures.js";
import { SyncCryptoPool, type SyncCryptoPoolOptions, type SyncPoolStats } from "./sync-pool.js";

export type ParallelCryptoOptions = Omit<SyncCryptoPoolOptions, "provider">;

let settings: ParallelCryptoOptions | false = {};
const pools = new Map<ProviderName, SyncCryptoPool>();

/**
 * Sets how many worker threads big batches use (default: one per core beyond the caller's), or `false` to
 * run everything in the calling thread. Running pools are closed; new ones start at the next big batch.
 */
export async function configureParallelCrypto(options: ParallelCryptoOptions | false): Promise<void> {
  if (options !== false) new SyncCryptoPool(options);
  settings = options;
  const running = [...pools.values()];
  pools.clear();
  await Promise.all(running.map((p) => p.close()));
}

/** Starts the default pool's workers ahead of the first big batch (they take ~0.5 s to load). */
export function startParallelCrypto(provider: ProviderName = "node"): void {
  poolFor(provider)?.start();
}

/** The default pool's work so far (for benchmarks and tests: did the workers take a share?). */
export function parallelCryptoStats(provider: ProviderName = "node"): SyncPoolStats {
  return pools.get(provider)?.stats ?? { batches: 0, chunks: 0, chunksByWorkers: 0 };
}

function poolFor(name: ProviderName): SyncCryptoPool | undefined {
  if (settings === false) return undefined;
  let pool = pools.get(name);
  if (pool === undefined) {
    pool = new SyncCryptoPool({ ...settings, provider: name });
    pools.set(name, pool);
  }
  return pool;
}

/** The built-in provider `cs` belongs to, if it is one of theirs (identity, not name: wrappers stay in-thread). */
function builtIn(cs: CipherSuite): CryptoProvider | undefined {
  for (const provider of [nodeProvider, nobleProvider]) {
    if (provider.suite(cs.id) === cs) return provider;
  }
  return undefined;
}

/** RFC 9420 §5.1.3 EncryptWithLabel for every item, in item order, on every core for a big batch. */
export function encryptWithLabelAll(
  cs: CipherSuite,
  items: readonly EncryptWithLabelItem[],
): HpkeCiphertext[] {
  const provider = builtIn(cs);
  const pool = provider === undefined ? undefined : poolFor(provider.name);
  if (provider === undefined || pool === undefined || items.length < pool.minItems) {
    return items.map((x) => encryptWithLabel(cs, x.publicKey, x.label, x.context, x.plaintext));
  }
  const batch = { op: "encryptWithLabel", provider: provider.name, suiteId: cs.id, items } as const;
  return pool.run(batch) as HpkeCiphertext[];
}

/**
 * RFC 9420 §5.1.2 VerifyWithLabel for every item, on every core: the verdict, or `null` where the key or
 * signature is unusable (the single-item call throws `CryptoError` there). `undefined` when the batch is too
 * small or the suite not a built-in one — the caller then verifies item by item as usual.
 */
export function checkWithLabelAll(
  cs: CipherSuite,
  items: readonly VerifyWithLabelItem[],
): (boolean | null)[] | undefined {
  const provider = builtIn(cs);
  const pool = provider === undefined ? undefined : poolFor(provider.name);
  if (provider === undefined || pool === undefined || items.length < pool.minItems) return undefined;
  const batch = { op: "checkWithLabel", provider: provider.name, suiteId: cs.id, items } as const;
  return pool.run(batch) as (boolean | null)[];
}

/**
 * Verifies `items` on every core (when there are enough), then runs the sequential validation `pass`, whose
 * `verifyWithLabel` calls for these exact inputs answer from the verdicts (checked-signatures.ts).
 */
export function withCheckedSignatures<T>(
  cs: CipherSuite,
  items: readonly VerifyWithLabelItem[],
  pass: () => T,
): T {
  const verdicts = checkWithLabelAll(cs, items);
  return verdicts === undefined ? pass() : runWithVerdicts(cs, items, verdicts, pass);
}
