/**
 * ID tokens already redeemed, remembered until they expire. A captured token then cannot enroll
 * a second key (the replay tests); memory stays bounded because an expired token is
 * refused by its `exp` anyway. A full cache refuses rather than forgets.
 */
import { EnrollmentError } from "../errors.js";

export class UsedTokens {
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries: number) {}

  /** Marks `tokenHash` used until `expiresAt` (seconds) or throws `token-reused`. */
  claim(tokenHash: string, expiresAt: number, nowSeconds: number): void {
    const until = this.seen.get(tokenHash);
    if (until !== undefined && until > nowSeconds) {
      throw new EnrollmentError("token-reused", "this ID token was already used to enroll a client");
    }
    if (this.seen.size >= this.maxEntries) {
      for (const [k, t] of this.seen) if (t <= nowSeconds) this.seen.delete(k);
    }
    if (this.seen.size >= this.maxEntries) {
      throw new EnrollmentError("busy", "too many recent enrollments; retry later");
    }
    this.seen.set(tokenHash, expiresAt);
  }

  /** Forgets a claim whose enrollment failed after it, so the user may retry with the same token. */
  release(tokenHash: string): void {
    this.seen.delete(tokenHash);
  }
}
