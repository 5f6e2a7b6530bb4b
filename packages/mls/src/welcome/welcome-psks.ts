/**
 * RFC 9420 §12.4.3.1 / §8.4: the PSKs a Welcome names in GroupSecrets.psks must all be available to the
 * joiner, and they are folded, in the listed order, into the psk_secret that salts the welcome secret.
 */
import { PSKType, ResumptionPSKUsage } from "../codec/index.js";
import type { PreSharedKeyID } from "../codec/index.js";
import type { CipherSuite } from "../crypto/provider.js";
import { computePskSecret } from "../schedule/psk-secret.js";
import type { PskWithId } from "../schedule/psk-secret.js";
import { zeroSecret } from "../schedule/key-schedule.js";
import { WelcomeRule, welcomeViolation } from "./rules.js";

/**
 * Returns the secret a PreSharedKeyID names (an external PSK, or the resumption_psk of the named group and
 * epoch), or `undefined` when this client does not hold it.
 */
export type PskLookup = (id: PreSharedKeyID) => Uint8Array | undefined;

function describe(id: PreSharedKeyID): string {
  return id.pskType === PSKType.external
    ? "an external PSK"
    : `the resumption PSK of epoch ${id.pskEpoch} of another group`;
}

/** True for the resumption usages that §12.4.3.1 allows at most once and that pin the new epoch to 1. */
export function isReinitOrBranch(id: PreSharedKeyID): boolean {
  return (
    id.pskType === PSKType.resumption &&
    (id.usage === ResumptionPSKUsage.reinit || id.usage === ResumptionPSKUsage.branch)
  );
}

/**
 * §12.4.3.1: "If a PreSharedKeyID is part of the GroupSecrets and the client is not in possession of the
 * corresponding PSK, return an error" (WELCOME-6); a reinit or branch PSK must be the only one of its kind
 * (WELCOME-7). With no PSKs, psk_secret is the all-zero string of §8.
 */
export function welcomePskSecret(
  cs: CipherSuite,
  psks: readonly PreSharedKeyID[],
  lookup: PskLookup | undefined,
): Uint8Array {
  if (psks.filter(isReinitOrBranch).length > 1) {
    throw welcomeViolation(WelcomeRule.pskResumptionUsage, "more than one reinit or branch resumption PSK");
  }
  if (psks.length === 0) return zeroSecret(cs);
  const resolved: PskWithId[] = psks.map((id, index) => {
    const psk = lookup?.(id);
    if (psk === undefined) {
      throw welcomeViolation(
        WelcomeRule.pskMissing,
        `psks[${index}] names ${describe(id)} this client lacks`,
      );
    }
    return { id, psk };
  });
  return computePskSecret(cs, resolved);
}
