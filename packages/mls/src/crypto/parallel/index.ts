/** Worker-thread batches of independent public-key operations (see pool.ts and docs/mls.md). */
export { CryptoPool, DEFAULT_MIN_PARALLEL_ITEMS, sharedCryptoPool, type CryptoPoolOptions } from "./pool.js";
export type { EncryptWithLabelItem, HpkeSealItem, ProviderName, VerifyWithLabelItem } from "./batch.js";
export {
  configureParallelCrypto,
  parallelCryptoStats,
  startParallelCrypto,
  type ParallelCryptoOptions,
} from "./parallel-crypto.js";
export {
  DEFAULT_MIN_SYNC_ITEMS,
  SyncCryptoPool,
  type SyncCryptoPoolOptions,
  type SyncPoolStats,
} from "./sync-pool.js";
