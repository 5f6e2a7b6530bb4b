import { join } from "node:path";
import type { Logger } from "@parley/kit";
import type { Registry } from "prom-client";
import type { NoteSigner } from "@parley/tlog";
import { AppendAuthorizer } from "./auth/append-auth.js";
import { serviceTokenVerifier } from "./auth/service-keys.js";
import type { KeylogConfig } from "./config.js";
import { KeylogMetrics } from "./metrics.js";
import { loadAppendToken, loadSigner } from "./secrets.js";
import { recoverLog } from "./sequencer/recover.js";
import { Sequencer } from "./sequencer/sequencer.js";
import { LogStore } from "./store/log-store.js";

/** Everything the routes share: storage, the sequencer, the log key, the Append gate, metrics. */
export interface KeylogContext {
  readonly config: KeylogConfig;
  readonly store: LogStore;
  readonly sequencer: Sequencer;
  readonly signer: NoteSigner & { verifierKey: string };
  readonly authorizer: AppendAuthorizer;
  readonly metrics: KeylogMetrics;
  /** Integrates what is queued, then closes storage. */
  close(): Promise<void>;
}

/**
 * Opens the store, verifies and resumes the persisted tree (signing any durable but unsigned
 * tail), and starts the sequencer. Nothing is served before this completes.
 */
export async function createContext(
  config: KeylogConfig,
  log: Logger,
  registry: Registry,
): Promise<KeylogContext> {
  const signer = await loadSigner(config);
  const token = await loadAppendToken(config);
  const store = await LogStore.open({
    path: join(config.dataDir, "db"),
    tileCacheTiles: config.tileCacheTiles,
  });
  try {
    const recovered = await recoverLog(store, config.origin, signer);
    if (recovered.resignedTail > 0) {
      log.warn("signed entries that were durable but unsigned before restart", {
        entries: recovered.resignedTail,
      });
    }
    const metrics = new KeylogMetrics(registry);
    metrics.treeSize(recovered.published.size);
    const sequencer = new Sequencer(store, recovered.range, signer, recovered.published, config, metrics);
    const authorizer = new AppendAuthorizer(
      token,
      config.appendClientFingerprints,
      serviceTokenVerifier(config.appendServiceKeys),
    );
    const close = async (): Promise<void> => {
      await sequencer.stop();
      await store.close();
    };
    return { config, store, sequencer, signer, authorizer, metrics, close };
  } catch (err) {
    await store.close();
    throw err;
  }
}
