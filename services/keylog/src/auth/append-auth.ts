import { createHash, hash, timingSafeEqual } from "node:crypto";
import { Code, ServiceError, type CallContext } from "@parley/kit";
import type { ServiceTokenVerifier } from "./service-token.js";

const BEARER = /^Bearer ([^\s]+)$/;

/**
 * Hashing both sides first gives equal-length inputs, so the comparison leaks neither content nor
 * length. This runs on every Append call: the one-shot `hash` (Node ≥ 20.12) skips building a
 * Hash object per call.
 */
function digest(s: string): Buffer {
  if (typeof hash === "function") return hash("sha256", s, "buffer");
  return createHash("sha256").update(s, "utf8").digest();
}

/**
 * Only the Authentication Service may append. It proves that with `authorization: Bearer …`
 * carrying either the shared token (the embedded default: a random file readable only by the
 * services on this host) or, when service keys are configured, a signed service token
 * (service-token.ts) — then the shared token is no longer accepted. Under mTLS with an allow-list
 * the client certificate's SHA-256 fingerprint must also be on it. Every refusal is
 * PERMISSION_DENIED with a message that never echoes what was presented.
 */
export class AppendAuthorizer {
  private readonly tokenDigest: Buffer;
  private readonly fingerprints: ReadonlySet<string>;

  constructor(
    token: string,
    fingerprints: readonly string[],
    private readonly serviceTokens?: ServiceTokenVerifier,
    private readonly now: () => number = Date.now,
  ) {
    this.tokenDigest = digest(token);
    this.fingerprints = new Set(fingerprints);
  }

  check(ctx: CallContext): void {
    const presented = BEARER.exec(ctx.header("authorization") ?? "")?.[1];
    if (presented === undefined) {
      throw new ServiceError(
        Code.PermissionDenied,
        "Append requires the Authentication Service's bearer token",
      );
    }
    if (this.serviceTokens !== undefined) this.serviceTokens.check(presented, this.now());
    else if (!timingSafeEqual(digest(presented), this.tokenDigest)) {
      throw new ServiceError(Code.PermissionDenied, "Append bearer token is not valid");
    }
    if (this.fingerprints.size === 0) return;
    const cert = ctx.peerCertificate;
    if (cert === undefined) {
      throw new ServiceError(Code.PermissionDenied, "Append requires a client certificate (mTLS)");
    }
    if (!this.fingerprints.has(cert.fingerprint256.toUpperCase())) {
      throw new ServiceError(Code.PermissionDenied, "Append client certificate is not on the allow-list");
    }
  }
}
