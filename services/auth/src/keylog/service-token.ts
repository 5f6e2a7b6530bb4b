/**
 * The "signed service token" the AS presents on Append (services/keylog/src/auth): a JWT
 * (RFC 7519) in JWS compact form signed with the AS's service Ed25519 key (RFC 8037 EdDSA),
 * audience "keylog", short-lived and with a random `jti` the key log refuses to see twice. A fresh
 * token is minted per call, so capturing one gains nothing once it has been used.
 */
import { randomBytes } from "node:crypto";
import { toHex } from "@parley/codec";
import { signEdDsaJws, type Ed25519Key } from "@parley/kit";

export const SERVICE_TOKEN_ISSUER = "parley-auth";
export const SERVICE_TOKEN_AUDIENCE = "keylog";
export const SERVICE_TOKEN_LIFETIME_SECONDS = 60;

export function signServiceToken(key: Ed25519Key, now: Date = new Date()): string {
  const iat = Math.floor(now.getTime() / 1000);
  const claims = {
    iss: SERVICE_TOKEN_ISSUER,
    aud: SERVICE_TOKEN_AUDIENCE,
    iat,
    exp: iat + SERVICE_TOKEN_LIFETIME_SECONDS,
    jti: randomBytes(16).toString("base64url"),
  };
  return signEdDsaJws({ typ: "JWT", kid: toHex(key.keyId) }, claims, key.keyObject);
}
