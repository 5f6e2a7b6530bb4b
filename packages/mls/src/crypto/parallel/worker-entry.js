/**
 * Boots one crypto pool worker. Parley runs its TypeScript through tsx, but on Node 20 a worker's entry
 * module gets none of the parent's `--import tsx` loader hooks (a `.ts` entry fails with
 * ERR_UNKNOWN_FILE_EXTENSION), and tsx's off-thread ESM hooks have been seen to deadlock. So this entry is
 * plain JavaScript and loads the worker code through tsx's CommonJS hooks, which transpile in this thread.
 * The pool starts it with an empty execArgv so no loader flag of the parent reaches the worker, and with
 * `workerData.provider` naming the one provider to load; `workerData.mode === "sync"` selects the worker side
 * of the synchronous pool (sync-worker.ts), which talks over `workerData.port` instead of `parentPort`.
 */
import { createRequire } from "node:module";
import { workerData } from "node:worker_threads";

const require = createRequire(import.meta.url);
require("tsx/cjs/api").register();
const provider =
  workerData?.provider === "noble"
    ? require("../noble/index.ts").nobleProvider
    : require("../node/index.ts").nodeProvider;
if (workerData?.mode === "sync") require("./sync-worker.ts").serveSync(provider);
else require("./worker-main.ts").serve(provider);
