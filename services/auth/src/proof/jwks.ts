/**
 * The ID-token issuer's public keys, from a JSON Web Key Set file (RFC 7517 §5). Only the two
 * algorithms the issue asks for are accepted: EdDSA over Ed25519 (RFC 8037 §3.1, `OKP`) and
 * ES256 (RFC 7518 §3.4, `EC` P-256). Anything else in the file is a configuration error rather
 * than a key silently ignored.
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { ConfigError } from "@parley/kit";

export type JwsAlgorithm = "EdDSA" | "ES256";

export interface IssuerKey {
  readonly kid: string | undefined;
  readonly alg: JwsAlgorithm;
  readonly key: KeyObject;
}

function algorithmOf(jwk: JsonWebKey): JwsAlgorithm | undefined {
  if (jwk.kty === "OKP" && jwk.crv === "Ed25519") return "EdDSA";
  if (jwk.kty === "EC" && jwk.crv === "P-256") return "ES256";
  return undefined;
}

/** Parses a JWKS document; throws `ConfigError` naming `source` and the offending key index. */
export function parseJwks(text: string, source: string): IssuerKey[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${source}: not JSON`, { cause });
  }
  const keys = typeof doc === "object" && doc !== null && "keys" in doc ? doc.keys : undefined;
  if (!Array.isArray(keys) || keys.length === 0)
    throw new ConfigError(`${source}: needs a non-empty "keys" array`);
  return keys.map((raw: unknown, i) => {
    if (typeof raw !== "object" || raw === null)
      throw new ConfigError(`${source}: keys[${i}] is not an object`);
    const jwk = raw as JsonWebKey;
    const alg = algorithmOf(jwk);
    if (alg === undefined) throw new ConfigError(`${source}: keys[${i}] is neither OKP Ed25519 nor EC P-256`);
    if (jwk.alg !== undefined && jwk.alg !== alg) {
      throw new ConfigError(`${source}: keys[${i}] declares another alg but is a ${alg} key`);
    }
    if (jwk.d !== undefined) throw new ConfigError(`${source}: keys[${i}] contains a private key`);
    let key: KeyObject;
    try {
      key = createPublicKey({ key: jwk, format: "jwk" });
    } catch (cause) {
      throw new ConfigError(`${source}: keys[${i}] is not a valid public key`, { cause });
    }
    return { kid: typeof jwk.kid === "string" ? jwk.kid : undefined, alg, key };
  });
}

export function loadJwks(path: string): IssuerKey[] {
  return parseJwks(readFileSync(path, "utf8"), `AUTH_OIDC_JWKS_FILE (${path})`);
}
