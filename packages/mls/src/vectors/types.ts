import type { CryptoProvider } from "../crypto/provider.js";

/**
 * The result of running one vector file. What a "case" is (one JSON array element, or one sub-check of it)
 * is documented by each runner; a malformed file counts as a failure, never a crash.
 */
export interface VectorOutcome {
  passed: number;
  failed: number;
  skipped: number;
  /** One line per failure naming the case index, cipher suite and what differed. */
  failures: string[];
  /** One line per skip explaining why the case could not be run. */
  skipReasons: string[];
}

/** Runs one parsed vector file (`JSON.parse` output, untrusted shape) against a provider. */
export type VectorRunner = (data: unknown, provider: CryptoProvider) => VectorOutcome;
