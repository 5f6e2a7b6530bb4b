/**
 * RFC 9420 §16.8: "an attacker could prevent a client from being added to new groups by exhausting
 * all available KeyPackages … the KeyPackage publication system SHOULD rate-limit KeyPackage
 * requests". Every claim is authenticated, so the limit is per claiming client: a token bucket of
 * `burst` KeyPackages refilled at `perMinute`, each claimed client costing one token.
 *
 * Memory is bounded: at most `maxTracked` buckets; the least recently used is dropped first, which
 * can only make the limiter more lenient to a long-idle client, never refuse anyone wrongly.
 */
import { Code, ServiceError } from "@parley/kit";

interface Bucket {
  tokens: number;
  atMs: number;
}

export class ClaimRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    perMinute: number,
    private readonly burst: number,
    private readonly maxTracked = 100_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes `cost` tokens from `claimer`'s bucket or throws RESOURCE_EXHAUSTED with a retry hint. */
  take(claimer: string, cost: number, nowMs: number): void {
    const need = Math.min(cost, this.burst);
    const old = this.buckets.get(claimer);
    const elapsed = old === undefined ? 0 : Math.max(0, nowMs - old.atMs);
    const tokens = old === undefined ? this.burst : Math.min(this.burst, old.tokens + elapsed * this.perMs);
    if (tokens < need) {
      const retryMs = Math.ceil((need - tokens) / this.perMs);
      throw new ServiceError(
        Code.ResourceExhausted,
        `claim rate limit: at most ${this.burst} KeyPackages at once and ${Math.round(this.perMs * 60_000)} per minute per claiming client; retry in ${retryMs} ms`,
        { details: { "retry-after-ms": String(retryMs) } },
      );
    }
    this.buckets.delete(claimer);
    this.buckets.set(claimer, { tokens: tokens - need, atMs: nowMs });
    if (this.buckets.size > this.maxTracked) {
      const oldest = this.buckets.keys().next();
      if (oldest.done !== true) this.buckets.delete(oldest.value);
    }
  }
}
