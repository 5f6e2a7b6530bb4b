import { join } from "node:path";
import { ReplayGuard } from "@parley/identity";
import type { Logger } from "@parley/kit";
import type { CredentialValidator } from "@parley/mls";
import type { Registry } from "prom-client";
import type { Authenticator } from "./auth/authenticate.js";
import { ClaimRateLimiter } from "./claim/claim-rate-limiter.js";
import type { DirectoryConfig } from "./config.js";
import { purgeExpired, type PurgeCounts } from "./expiry/purge-expired.js";
import { DirectoryMetrics } from "./metrics.js";
import { uploadCredentialValidator } from "./publish/check-upload.js";
import { DirectoryStore } from "./store/directory-store.js";
import type { UnixSeconds } from "./store/keys.js";

/** Everything the routes share. */
export interface DirectoryContext {
  readonly config: DirectoryConfig;
  readonly store: DirectoryStore;
  readonly auth: Authenticator;
  readonly metrics: DirectoryMetrics;
  readonly validateCredential: CredentialValidator;
  readonly claimLimiter: ClaimRateLimiter;
  /** The clock, epoch milliseconds (tests inject one). */
  readonly now: () => number;
  /** The clock in RFC 9420 lifetime units: seconds since the epoch. */
  nowSeconds(): UnixSeconds;
  /** Deletes what has expired now; the timer calls it every `purgeIntervalMs`. */
  purge(): Promise<PurgeCounts>;
  /** Stops the purger, waits for a running purge, closes storage. */
  close(): Promise<void>;
}

export interface ContextOptions {
  readonly now?: () => number;
}

/** Opens the store, sets the gauges from it, and starts the purge timer. */
export async function createContext(
  config: DirectoryConfig,
  log: Logger,
  registry: Registry,
  options: ContextOptions = {},
): Promise<DirectoryContext> {
  const store = await DirectoryStore.open(join(config.dataDir, "db"), config.syncWrites);
  const now = options.now ?? Date.now;
  const nowSeconds = (): UnixSeconds => Math.floor(now() / 1000);
  const metrics = new DirectoryMetrics(registry);
  try {
    const stored = await store.countStored();
    metrics.setStored(stored.oneTime, stored.lastResort);
  } catch (err) {
    await store.close();
    throw err;
  }
  let running: Promise<PurgeCounts> | undefined;
  const purge = (): Promise<PurgeCounts> =>
    (running ??= purgeExpired(store, nowSeconds())
      .then((counts) => {
        metrics.purgedExpired(counts);
        return counts;
      })
      .finally(() => {
        running = undefined;
      }));
  const timer = setInterval(() => {
    purge().catch((err: unknown) => log.error("purging expired KeyPackages failed", { err }));
  }, config.purgeIntervalMs);
  timer.unref();
  const auth: Authenticator = {
    trust: config.trust,
    replay: new ReplayGuard({
      windowMs: config.replayWindowMs,
      maxEntries: config.replayMaxEntries,
      notBeforeMs: now(),
    }),
    now,
  };
  const close = async (): Promise<void> => {
    clearInterval(timer);
    await running?.catch(() => undefined);
    await store.close();
  };
  const validateCredential = uploadCredentialValidator(config.trust);
  const claimLimiter = new ClaimRateLimiter(config.claimRatePerMinute, config.claimBurst);
  return { config, store, auth, metrics, validateCredential, claimLimiter, now, nowSeconds, purge, close };
}
