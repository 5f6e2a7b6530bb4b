import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ConfigError } from "@parley/kit";
import { generateEd25519SignerKey, type NoteSigner } from "@parley/tlog";
import type { KeylogConfig } from "./config.js";
import { nodeEd25519Signer } from "./node-ed25519-signer.js";

/** Reads a secret file, or creates it (mode 0600, parents as needed) with `create()` when absent. */
async function readOrCreate(path: string, create: () => string): Promise<string> {
  try {
    return (await readFile(path, "utf8")).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const value = create();
  // `wx`: never overwrite a file that appeared meanwhile (two processes on one data dir).
  await writeFile(path, `${value}\n`, { mode: 0o600, flag: "wx" });
  return value;
}

/**
 * The log's checkpoint signer: KEYLOG_SIGNING_KEY, else KEYLOG_SIGNING_KEY_FILE, else a
 * development key generated once under the data dir. Errors never include key material.
 */
export async function loadSigner(config: KeylogConfig): Promise<NoteSigner & { verifierKey: string }> {
  const source = config.signingKey !== undefined ? "KEYLOG_SIGNING_KEY" : "KEYLOG_SIGNING_KEY_FILE";
  const skey =
    config.signingKey ??
    (config.signingKeyFile !== undefined
      ? (await readFile(config.signingKeyFile, "utf8")).trim()
      : await readOrCreate(join(config.dataDir, "signing-key"), () =>
          generateEd25519SignerKey(config.origin),
        ));
  try {
    return nodeEd25519Signer(skey);
  } catch (cause) {
    const name =
      config.signingKey === undefined && config.signingKeyFile === undefined ? "dev signing key" : source;
    throw new ConfigError(`${name}: not a valid Ed25519 signed-note private key`, { cause });
  }
}

/** The Append bearer token: 32 random bytes as hex, created on first start. */
export async function loadAppendToken(config: KeylogConfig): Promise<string> {
  const token = await readOrCreate(config.appendTokenFile, () => randomBytes(32).toString("hex"));
  if (token.length < 16)
    throw new ConfigError("KEYLOG_APPEND_TOKEN_FILE: token must be at least 16 characters");
  return token;
}
