import { ConfigError, env } from "@parley/kit";
import { ServiceTokenVerifier } from "./service-token.js";

const NAME = "KEYLOG_APPEND_SERVICE_KEYS";

/**
 * `KEYLOG_APPEND_SERVICE_KEYS`: comma- or space-separated base64url Ed25519 public keys (32 bytes)
 * of Authentication Services allowed to append with a signed service token. Empty: the shared
 * bearer token is used instead.
 */
export function readServiceKeys(source: NodeJS.ProcessEnv): Uint8Array[] {
  const raw = env.string(NAME, { env: source }) ?? "";
  return raw
    .split(/[,\s]+/)
    .filter((s) => s.length > 0)
    .map((text) => {
      const key = /^[A-Za-z0-9_-]{43}$/.test(text)
        ? new Uint8Array(Buffer.from(text, "base64url"))
        : undefined;
      if (key?.length !== 32)
        throw new ConfigError(`${NAME}: '${text}' is not a base64url Ed25519 public key`);
      return key;
    });
}

/** The verifier for the configured keys, or undefined when signed service tokens are not enabled. */
export function serviceTokenVerifier(keys: readonly Uint8Array[]): ServiceTokenVerifier | undefined {
  return keys.length === 0 ? undefined : new ServiceTokenVerifier(keys);
}
