/**
 * The "signed service token" Append option: instead of a shared secret the Authentication Service
 * presents `authorization: Bearer <JWT>`, an RFC 7519 token in RFC 7515 compact form signed with
 * its service Ed25519 key (RFC 8037 EdDSA). The key log holds only public keys, so nothing it
 * stores lets anyone append. Checked: signature by a configured key, `aud` = "keylog", `exp`
 * in the future, a lifetime no longer than the maximum, and a `jti` not seen before — a captured
 * token is refused on its second use. Every refusal is PERMISSION_DENIED naming the check, never
 * the token.
 */
import { verify, type KeyObject } from "node:crypto";
import {
  Code,
  ServiceError,
  audienceIncludes,
  decodeJsonSegment,
  ed25519KeyId,
  ed25519PublicKey,
  splitCompactJws,
} from "@parley/kit";

export const SERVICE_TOKEN_AUDIENCE = "keylog";

export interface ServiceTokenOptions {
  /** Longest accepted `exp - iat`. */
  readonly maxLifetimeSeconds?: number;
  /** Tolerated clock difference. */
  readonly clockSkewSeconds?: number;
  /** Most token ids remembered at once; a full cache refuses rather than forgets. */
  readonly maxRemembered?: number;
}

function deny(message: string): ServiceError {
  return new ServiceError(Code.PermissionDenied, `Append service token refused: ${message}`);
}

/** The key id the AS puts in `kid`: hex of the first 8 bytes of SHA-256(public key). */
export function serviceKeyId(publicKey: Uint8Array): string {
  return Buffer.from(ed25519KeyId(publicKey)).toString("hex");
}

export class ServiceTokenVerifier {
  private readonly keys = new Map<string, KeyObject>();
  private readonly seen = new Map<string, number>();
  private readonly maxLifetime: number;
  private readonly skew: number;
  private readonly maxRemembered: number;

  /** `publicKeys`: raw 32-byte Ed25519 keys allowed to sign tokens. */
  constructor(publicKeys: readonly Uint8Array[], options: ServiceTokenOptions = {}) {
    for (const pub of publicKeys) {
      this.keys.set(serviceKeyId(pub), ed25519PublicKey(pub));
    }
    this.maxLifetime = options.maxLifetimeSeconds ?? 300;
    this.skew = options.clockSkewSeconds ?? 30;
    this.maxRemembered = options.maxRemembered ?? 100_000;
  }

  /** Accepts the token once, or throws PERMISSION_DENIED. */
  check(token: string, nowMs: number): void {
    const jws = splitCompactJws(token);
    if (jws === undefined) throw deny("not a compact JWS");
    const header = decodeJsonSegment(jws.header);
    if (header?.alg !== "EdDSA") throw deny("alg is not EdDSA");
    const key = typeof header.kid === "string" ? this.keys.get(header.kid) : undefined;
    if (key === undefined) throw deny("kid names no configured service key");
    if (!verify(null, jws.signingInput, key, jws.signature)) throw deny("bad signature");
    const claims = decodeJsonSegment(jws.payload);
    if (claims === undefined) throw deny("payload is not a JSON object");
    this.checkClaims(claims, Math.floor(nowMs / 1000));
  }

  private checkClaims(claims: Record<string, unknown>, now: number): void {
    const { aud, exp, iat, jti } = claims;
    if (!audienceIncludes(aud, SERVICE_TOKEN_AUDIENCE)) throw deny(`aud is not "${SERVICE_TOKEN_AUDIENCE}"`);
    if (typeof exp !== "number" || typeof iat !== "number") throw deny("exp and iat are required numbers");
    if (now >= exp + this.skew) throw deny("expired");
    if (iat > now + this.skew) throw deny("issued in the future");
    if (exp - iat > this.maxLifetime) throw deny(`lifetime above ${this.maxLifetime} s`);
    if (typeof jti !== "string" || jti.length < 16 || jti.length > 128)
      throw deny("jti of 16..128 characters is required");
    this.remember(jti, exp + this.skew, now);
  }

  /** A token id is remembered until the token could no longer be accepted anyway. */
  private remember(jti: string, until: number, now: number): void {
    const seen = this.seen.get(jti);
    if (seen !== undefined && seen > now) throw deny("replayed (jti already used)");
    if (this.seen.size >= this.maxRemembered) {
      for (const [k, t] of this.seen) if (t <= now) this.seen.delete(k);
    }
    if (this.seen.size >= this.maxRemembered) {
      throw new ServiceError(Code.ResourceExhausted, "too many recent service tokens; retry later");
    }
    this.seen.set(jti, until);
  }
}
