import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fromHex } from "@parley/codec";
import { ConfigError, ed25519KeyFromSeed, type Ed25519Key } from "@parley/kit";
import type { AuthConfig } from "./config.js";

/**
 * Reads a 32-byte hex secret, or creates it (mode 0600, parents 0700) on first start. `wx` never
 * overwrites a file that appeared meanwhile. Errors name the variable, never the contents.
 */
export async function readOrCreateSecret(path: string, name: string): Promise<Uint8Array> {
  let text: string | undefined;
  try {
    text = (await readFile(path, "utf8")).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  if (text === undefined) {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const value = new Uint8Array(randomBytes(32));
    await writeFile(path, `${Buffer.from(value).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    return value;
  }
  if (!/^[0-9a-f]{64}$/.test(text)) throw new ConfigError(`${name}: file does not hold 32 bytes of hex`);
  return fromHex(text);
}

export interface AuthSecrets {
  readonly issuer: Ed25519Key;
  readonly service: Ed25519Key;
  readonly codeKey: Uint8Array;
}

export async function loadSecrets(config: AuthConfig): Promise<AuthSecrets> {
  const issuer = ed25519KeyFromSeed(await readOrCreateSecret(config.issuerKeyFile, "AUTH_ISSUER_KEY_FILE"));
  const service = ed25519KeyFromSeed(
    await readOrCreateSecret(config.serviceKeyFile, "AUTH_SERVICE_KEY_FILE"),
  );
  const codeKey = await readOrCreateSecret(config.codeKeyFile, "AUTH_CODE_KEY_FILE");
  return { issuer, service, codeKey };
}

/** The key log's Append bearer token (mode `token`), which the key log creates on its first start. */
export async function loadKeylogToken(config: AuthConfig): Promise<string> {
  try {
    return (await readFile(config.keylogTokenFile, "utf8")).trim();
  } catch (cause) {
    throw new ConfigError(`AUTH_KEYLOG_TOKEN_FILE: cannot read ${config.keylogTokenFile}`, { cause });
  }
}
