/**
 * The RFC 9420 §6 message-framing validation rules, each raised as a `ValidationError` with this id and
 * section and each with a negative test in `test/framing-*.test.ts`. Ids are stable; match on them, never
 * on message text. (AEAD failures are `CryptoError`s: they reveal nothing beyond "did not decrypt".)
 */
export const FramingRule = {
  /** §6: a message is processed only by the group it names. */
  groupId: { id: "FRAMING-1", section: "§6" },
  /** §12.4.2, §6: a message is processed only with the keys of the epoch it names. */
  epoch: { id: "FRAMING-2", section: "§6" },
  /** §6: application data MUST be sent as a PrivateMessage. */
  applicationNotPublic: { id: "FRAMING-3", section: "§6" },
  /** §6.2: a member's PublicMessage carries a membership tag that verifies under membership_key. */
  membershipTag: { id: "FRAMING-4", section: "§6.2" },
  /** §6.1: the FramedContent signature verifies under the sender's signature key. */
  signature: { id: "FRAMING-5", section: "§6.1" },
  /** §6.1 / §8.1: a Commit's confirmation tag is MAC(confirmation_key, confirmed_transcript_hash). */
  confirmationTag: { id: "FRAMING-6", section: "§6.1" },
  /** §6.3.1: the decrypted PrivateMessageContent decodes exactly and its padding is all zero bytes. */
  privateContent: { id: "FRAMING-7", section: "§6.3.1" },
  /** §6.3.2: SenderData.leaf_index names a non-blank leaf. */
  senderLeaf: { id: "FRAMING-8", section: "§6.3.2" },
  /**
   * §6.1: sender type and content type agree — external and new_member_proposal senders send proposals
   * (the latter only Add), new_member_commit senders send commits; PrivateMessages come from members.
   */
  senderContentType: { id: "FRAMING-9", section: "§6.1" },
} as const;
