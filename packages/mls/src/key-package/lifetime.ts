/**
 * KeyPackage leaf lifetimes (RFC 9420 §7.2): seconds since the Unix epoch, checked against an
 * application-defined maximum total lifetime ("Applications MUST define a maximum total lifetime").
 */
import type { Lifetime } from "../codec/index.js";
import { UsageError, ValidationError } from "../errors.js";
import { KeyPackageRule } from "./rules.js";

const DAY = 24 * 60 * 60;

/** Lifetime of a new KeyPackage by default, not_before to not_after: 90 days. */
export const DEFAULT_KEY_PACKAGE_LIFETIME_SECONDS = 90 * DAY;

/**
 * How far a new KeyPackage's not_before is put in the past, so that a receiver whose clock runs up to an hour
 * behind ours does not reject a KeyPackage we just published. Counted within the total lifetime.
 */
export const LIFETIME_BACKDATE_SECONDS = 60 * 60;

/** The maximum total lifetime accepted by default: exactly what `createKeyPackage` issues by default. */
export const DEFAULT_MAX_LIFETIME_SECONDS = DEFAULT_KEY_PACKAGE_LIFETIME_SECONDS;

/** Clock difference tolerated by default at either end of a lifetime when validating. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 5 * 60;

export function unixSeconds(time: Date): bigint {
  const ms = time.getTime();
  if (!Number.isFinite(ms)) throw new UsageError("invalid Date");
  return BigInt(Math.floor(ms / 1000));
}

/** A lifetime starting `LIFETIME_BACKDATE_SECONDS` before `now` and lasting `totalSeconds` in all. */
export function keyPackageLifetime(now: Date, totalSeconds = DEFAULT_KEY_PACKAGE_LIFETIME_SECONDS): Lifetime {
  if (!Number.isSafeInteger(totalSeconds) || totalSeconds <= LIFETIME_BACKDATE_SECONDS) {
    throw new UsageError(
      `a KeyPackage lifetime must be a whole number of seconds above ${LIFETIME_BACKDATE_SECONDS}`,
    );
  }
  const notBefore = unixSeconds(now) - BigInt(LIFETIME_BACKDATE_SECONDS);
  return { notBefore, notAfter: notBefore + BigInt(totalSeconds) };
}

export interface LifetimePolicy {
  /** The time that must fall within the lifetime (KP-9); undefined checks only the range (KP-8). */
  readonly now: Date | undefined;
  readonly maxLifetimeSeconds: number;
  readonly clockSkewSeconds: number;
}

/** KP-8 and KP-9 for one lifetime. */
export function checkLifetime(lifetime: Lifetime, policy: LifetimePolicy): void {
  const { notBefore, notAfter } = lifetime;
  if (notAfter < notBefore) {
    const { id, section } = KeyPackageRule.lifetimeRange;
    throw new ValidationError(id, section, `lifetime ends (${notAfter}) before it starts (${notBefore})`);
  }
  if (notAfter - notBefore > BigInt(policy.maxLifetimeSeconds)) {
    const { id, section } = KeyPackageRule.lifetimeRange;
    throw new ValidationError(
      id,
      section,
      `lifetime of ${notAfter - notBefore} s exceeds the maximum of ${policy.maxLifetimeSeconds} s`,
    );
  }
  if (policy.now === undefined) return;
  const now = unixSeconds(policy.now);
  const skew = BigInt(policy.clockSkewSeconds);
  if (now + skew < notBefore || now - skew > notAfter) {
    const { id, section } = KeyPackageRule.lifetimeCurrent;
    throw new ValidationError(id, section, `time ${now} is outside the lifetime [${notBefore}, ${notAfter}]`);
  }
}
