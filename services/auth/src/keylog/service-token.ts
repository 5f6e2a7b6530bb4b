/**
 * The "signed service token" the AS presents on Append (services/keylog/src/auth): a JWT
 * (RFC 7519) in JWS compact form signed with the AS's service Ed25519 key (RFC 8037 EdDSA),
 * audience "keylog", short-lived and with a random `jti` the key log refuses to see twice. A fresh
 * token is minted per call, so capturing one gains nothing once it has been used.
 */
import { randomBytes, sign } from "node:crypto";
import { toHex } from "@parley/codec";
import type { Ed25519Key } from "../ed25519-key.js";

export const SERVICE_TOKEN_ISSUER = "parley-auth";
export const SERVICE_TOKEN_AUDIENCE = "keylog";
export const SERVICE_TOKEN_LIFETIME_SECONDS = 60;

function segment(value: object): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

export function signServiceToken(key: Ed25519Key, now: Date = new Date()): string {
  const iat = Math.floor(now.getTime() / 1000);
  const header = segment({ alg: "EdDSA", typ: "JWT", kid: toHex(key.keyId) });
  const payload = segment({
    iss: SERVICE_TOKEN_ISSUER,
    aud: SERVICE_TOKEN_AUDIENCE,
    iat,
    exp: iat + SERVICE_TOKEN_LIFETIME_SECONDS,
    jti: randomBytes(16).toString("base64url"),
  });
  const signature = sign(null, Buffer.from(`${header}.${payload}`, "ascii"), key.keyObject);
  return `${header}.${payload}.${signature.toString("base64url")}`;
}
