/**
 * Mints a one-time enrollment code for a user:
 * `node --import tsx services/auth/src/cli/mint-code.ts --user alice@example.com [--ttl 3600]`.
 * Reads the code key from AUTH_CODE_KEY_FILE (default `<AUTH_DATA_DIR>/code-key`, created if
 * absent, exactly as the service does), so it works while the service runs. Prints only the code.
 */
import { parseArgs } from "node:util";
import { loadAuthConfig } from "../config.js";
import { mintEnrollmentCode } from "../proof/enrollment-code.js";
import { readOrCreateSecret } from "../secrets.js";

const USAGE = "usage: mint-code --user <user id> [--ttl <seconds>]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { user: { type: "string" }, ttl: { type: "string" } },
    strict: true,
  });
  const config = loadAuthConfig();
  const user = values.user;
  if (user === undefined || user.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const ttl = values.ttl === undefined ? config.codeLifetimeSeconds : Number(values.ttl);
  if (!Number.isSafeInteger(ttl) || ttl < 60 || ttl > config.codeLifetimeSeconds) {
    process.stderr.write(`--ttl must be an integer from 60 to ${config.codeLifetimeSeconds} seconds\n`);
    return 2;
  }
  const key = await readOrCreateSecret(config.codeKeyFile, "AUTH_CODE_KEY_FILE");
  const expiresAt = Math.floor(Date.now() / 1000) + ttl;
  process.stdout.write(`${mintEnrollmentCode(key, user, expiresAt)}\n`);
  return 0;
}

process.exitCode = await main();
