/**
 * Refuses replayed client requests. A signed request carries a timestamp and a random nonce; the
 * guard accepts a timestamp only within ±`windowMs` of the server clock and a (client, nonce) pair
 * only once while that timestamp could still be accepted. After `timestamp + windowMs` the
 * timestamp check alone refuses the request, so the nonce can be forgotten: memory is bounded by the
 * number of requests per window. When `maxEntries` are remembered the guard refuses new requests
 * (`replay-cache-full`, a RESOURCE_EXHAUSTED condition) rather than forget a live nonce.
 */
import { IdentityError } from "./errors.js";

export interface ReplayGuardOptions {
  /** Accepted clock difference in either direction; default five minutes. */
  readonly windowMs?: number;
  /** Most (client, nonce) pairs remembered at once; default 100,000. */
  readonly maxEntries?: number;
  /**
   * Refuse timestamps before this instant (ms). Nonces live in memory, so a service passes its start
   * time: a request signed before a restart cannot be replayed after it, at the price of refusing a
   * client whose clock lags the server's for as long as it lags, right after a restart.
   */
  readonly notBeforeMs?: number;
}

export class ReplayGuard {
  readonly windowMs: number;
  readonly maxEntries: number;
  readonly notBeforeMs: number;
  /** key → expiry (ms). Insertion order is roughly expiry order, so the front is swept first. */
  private readonly seen = new Map<string, number>();

  constructor({ windowMs = 300_000, maxEntries = 100_000, notBeforeMs = 0 }: ReplayGuardOptions = {}) {
    if (!Number.isSafeInteger(windowMs) || windowMs <= 0)
      throw new RangeError("windowMs must be a positive integer");
    if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0) {
      throw new RangeError("maxEntries must be a positive integer");
    }
    this.windowMs = windowMs;
    this.maxEntries = maxEntries;
    this.notBeforeMs = notBeforeMs;
  }

  /** Number of nonces currently remembered. */
  get size(): number {
    return this.seen.size;
  }

  /** Records the nonce or throws `IdentityError` (stale-timestamp, replayed-nonce, replay-cache-full). */
  check(clientKey: string, nonce: string, timestampMs: number, nowMs: number): void {
    if (!Number.isFinite(timestampMs) || Math.abs(timestampMs - nowMs) > this.windowMs) {
      throw new IdentityError(
        "stale-timestamp",
        `request timestamp is more than ${this.windowMs} ms from server time`,
      );
    }
    if (timestampMs < this.notBeforeMs) {
      throw new IdentityError(
        "stale-timestamp",
        "request was signed before this server started; nonces from before a restart are not remembered",
      );
    }
    this.sweepFront(nowMs);
    const key = `${clientKey}\u0000${nonce}`;
    const expiry = this.seen.get(key);
    if (expiry !== undefined && expiry >= nowMs) {
      throw new IdentityError("replayed-nonce", "this request nonce was already used");
    }
    if (this.seen.size >= this.maxEntries) this.sweepAll(nowMs);
    if (this.seen.size >= this.maxEntries) {
      throw new IdentityError("replay-cache-full", "too many recent requests; retry later");
    }
    this.seen.set(key, timestampMs + this.windowMs);
  }

  private sweepFront(nowMs: number): void {
    for (const [key, expiry] of this.seen) {
      if (expiry >= nowMs) return;
      this.seen.delete(key);
    }
  }

  /** Only when full: timestamps vary within the window, so an unexpired entry can shield expired ones. */
  private sweepAll(nowMs: number): void {
    for (const [key, expiry] of this.seen) if (expiry < nowMs) this.seen.delete(key);
  }
}
