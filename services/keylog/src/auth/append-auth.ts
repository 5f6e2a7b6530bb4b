import { createHash, timingSafeEqual } from "node:crypto";
import { Code, ServiceError, type CallContext } from "@parley/kit";

const BEARER = /^Bearer ([^\s]+)$/;

/** Hashing both sides first gives equal-length inputs, so the comparison leaks neither content nor length. */
function digest(s: string): Buffer {
  return createHash("sha256").update(s, "utf8").digest();
}

/**
 * Only the Authentication Service may append. It proves that with the shared bearer token
 * (`authorization: Bearer <token>`) and, when an allow-list is configured under mTLS, with a
 * client certificate whose SHA-256 fingerprint is on it. Every refusal is PERMISSION_DENIED with a
 * message that never echoes the presented token.
 */
export class AppendAuthorizer {
  private readonly tokenDigest: Buffer;
  private readonly fingerprints: ReadonlySet<string>;

  constructor(token: string, fingerprints: readonly string[]) {
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
    if (!timingSafeEqual(digest(presented), this.tokenDigest)) {
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
