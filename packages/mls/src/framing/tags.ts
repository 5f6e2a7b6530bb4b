/**
 * The two MACs of RFC 9420 framing: the membership tag (§6.2), proving a PublicMessage comes from a member of
 * this epoch, and the confirmation tag (§6.1, §8.1), proving a Commit's sender reached the same new epoch.
 */
import { bytesEqual } from "@parley/codec";
import type { CipherSuite } from "../crypto/provider.js";
import type { FramedContentAuthData, FramedContentTBS } from "../codec/index.js";
import { ValidationError } from "../errors.js";
import { authenticatedContentTbmBytes } from "./content-bytes.js";
import { FramingRule } from "./rules.js";

/**
 * §6.2: `membership_tag = MAC(membership_key, AuthenticatedContentTBM)`, TBM = FramedContentTBS || auth.
 * `framedContentBytes`, if given, is the encoding of `tbs.content` as received (see `content-bytes.ts`).
 */
export function computeMembershipTag(
  cs: CipherSuite,
  membershipKey: Uint8Array,
  tbs: FramedContentTBS,
  auth: FramedContentAuthData,
  framedContentBytes?: Uint8Array,
): Uint8Array {
  return cs.mac(membershipKey, authenticatedContentTbmBytes(tbs, auth, framedContentBytes));
}

/** §6.2: "the application MUST check membership_tag". */
export function verifyMembershipTag(
  cs: CipherSuite,
  membershipKey: Uint8Array,
  tbs: FramedContentTBS,
  auth: FramedContentAuthData,
  membershipTag: Uint8Array,
  framedContentBytes?: Uint8Array,
): void {
  const expected = computeMembershipTag(cs, membershipKey, tbs, auth, framedContentBytes);
  if (!bytesEqual(expected, membershipTag)) {
    const rule = FramingRule.membershipTag;
    throw new ValidationError(rule.id, rule.section, "the membership tag does not verify");
  }
}

/** §6.1: `confirmation_tag = MAC(confirmation_key, GroupContext.confirmed_transcript_hash)` of the new epoch. */
export function computeConfirmationTag(
  cs: CipherSuite,
  confirmationKey: Uint8Array,
  confirmedTranscriptHash: Uint8Array,
): Uint8Array {
  return cs.mac(confirmationKey, confirmedTranscriptHash);
}

/** §12.4.2: the receiver recomputes the tag with the new epoch's confirmation_key and compares. */
export function verifyConfirmationTag(
  cs: CipherSuite,
  confirmationKey: Uint8Array,
  confirmedTranscriptHash: Uint8Array,
  confirmationTag: Uint8Array,
): void {
  if (!bytesEqual(computeConfirmationTag(cs, confirmationKey, confirmedTranscriptHash), confirmationTag)) {
    const rule = FramingRule.confirmationTag;
    throw new ValidationError(rule.id, rule.section, "the confirmation tag does not verify");
  }
}
