/**
 * Identity proof 1: an OpenID Connect ID token (OIDC Core §2, §3.1.3.7), a JWT (RFC 7519) in JWS
 * compact serialization (RFC 7515 §7.1) signed with EdDSA or ES256. Checked as §3.1.3.7 asks:
 * signature with a configured issuer key, `iss`, `aud`, `exp`, and `nbf`/`iat` not in the future.
 */
import { verify } from "node:crypto";
import { audienceIncludes, decodeJsonSegment, splitCompactJws } from "@parley/kit";
import type { OidcConfig } from "../config.js";
import { EnrollmentError } from "../errors.js";
import type { IssuerKey, JwsAlgorithm } from "./jwks.js";

export interface VerifiedIdToken {
  readonly userId: string;
  /** `exp`, seconds since the epoch. */
  readonly expiresAt: number;
}

function decodeJson(segment: string, what: string): Record<string, unknown> {
  const value = decodeJsonSegment(segment);
  if (value === undefined)
    throw new EnrollmentError("token-malformed", `the ID token's ${what} is not a base64url JSON object`);
  return value;
}

function pickKey(keys: readonly IssuerKey[], alg: JwsAlgorithm, kid: unknown): IssuerKey {
  const candidates = keys.filter((k) => (typeof kid === "string" ? k.kid === kid : true));
  const key = candidates.length === 1 ? candidates[0] : undefined;
  if (key === undefined)
    throw new EnrollmentError("token-unknown-key", "the ID token's kid names no configured issuer key");
  if (key.alg !== alg)
    throw new EnrollmentError("token-algorithm", `the ID token's key is not an ${alg} key`);
  return key;
}

function checkSignature(key: IssuerKey, data: Buffer, signature: Buffer): void {
  // RFC 7518 §3.4: an ES256 signature is R || S, 32 bytes each (IEEE P1363), not DER.
  const ok =
    key.alg === "EdDSA"
      ? verify(null, data, key.key, signature)
      : signature.length === 64 &&
        verify("sha256", data, { key: key.key, dsaEncoding: "ieee-p1363" }, signature);
  if (!ok) throw new EnrollmentError("token-signature", "the ID token's signature does not verify");
}

function checkClaims(
  claims: Record<string, unknown>,
  config: OidcConfig,
  nowSeconds: number,
): VerifiedIdToken {
  if (claims.iss !== config.issuer)
    throw new EnrollmentError("token-issuer", "the ID token's iss is not the configured issuer");
  if (!audienceIncludes(claims.aud, config.audience)) {
    throw new EnrollmentError("token-audience", "the ID token's aud does not include this service");
  }
  const { exp, nbf, iat } = claims;
  if (typeof exp !== "number")
    throw new EnrollmentError("token-malformed", "the ID token has no numeric exp");
  const skew = config.clockSkewSeconds;
  if (nowSeconds >= exp + skew) throw new EnrollmentError("token-expired", "the ID token has expired");
  for (const [name, t] of [
    ["nbf", nbf],
    ["iat", iat],
  ] as const) {
    if (t === undefined) continue;
    if (typeof t !== "number")
      throw new EnrollmentError("token-malformed", `the ID token's ${name} is not a number`);
    if (t > nowSeconds + skew)
      throw new EnrollmentError("token-not-yet-valid", `the ID token's ${name} is in the future`);
  }
  const userId = claims[config.userClaim];
  if (typeof userId !== "string" || userId.length === 0) {
    throw new EnrollmentError("token-malformed", `the ID token has no string ${config.userClaim} claim`);
  }
  return { userId, expiresAt: exp };
}

/** Verifies the token and returns the user it asserts; throws `EnrollmentError` naming the failed check. */
export function verifyIdToken(
  token: string,
  config: OidcConfig,
  keys: readonly IssuerKey[],
  nowSeconds: number,
): VerifiedIdToken {
  const jws = splitCompactJws(token);
  if (jws === undefined)
    throw new EnrollmentError("token-malformed", "the ID token is not a JWS compact serialization");
  const header = decodeJson(jws.header, "header");
  const alg = header.alg;
  // RFC 8725 §3.1: the algorithm comes from the key's configuration, never only from the token.
  if (alg !== "EdDSA" && alg !== "ES256") {
    throw new EnrollmentError("token-algorithm", "the ID token's alg is not EdDSA or ES256");
  }
  if (header.crit !== undefined)
    throw new EnrollmentError("token-malformed", "the ID token has unsupported crit headers");
  checkSignature(pickKey(keys, alg, header.kid), jws.signingInput, jws.signature);
  return checkClaims(decodeJson(jws.payload, "payload"), config, nowSeconds);
}
