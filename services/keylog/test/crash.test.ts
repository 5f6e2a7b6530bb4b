import assert from "node:assert/strict";
import { test } from "node:test";
import { runCrashTest } from "./crash-harness.js";
import { tempDataDir } from "./harness.js";

/** `KEYLOG_CRASH_KILLS` sets the number of kills (the soak run uses 50). */
const kills = Number(process.env["KEYLOG_CRASH_KILLS"] ?? "5");

test(
  `SIGKILL under load ${kills} times loses nothing acknowledged and never forks the log`,
  { timeout: 60_000 + kills * 15_000 },
  async (t) => {
    const data = await tempDataDir();
    try {
      const r = await runCrashTest(data.dir, kills);
      t.diagnostic(
        `acknowledged ${r.acknowledged} entries, ${r.checkpoints} checkpoints, final size ${r.finalSize}`,
      );
      assert.ok(r.acknowledged > 0, "the run acknowledged appends");
      assert.ok(r.finalSize >= r.acknowledged, "the final tree holds every acknowledged entry");
    } finally {
      await data.remove();
    }
  },
);
