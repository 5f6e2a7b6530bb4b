import type { Reader, Writer } from "@parley/codec";
import { readEnum8, requireKnown, valuesOf } from "./enum.js";

/** RFC 9420 §6: `enum { reserved(0), application(1), proposal(2), commit(3), (255) } ContentType`. */
export const ContentType = { application: 1, proposal: 2, commit: 3 } as const;
export type ContentType = (typeof ContentType)[keyof typeof ContentType];
export const CONTENT_TYPES = valuesOf(ContentType);

export function decodeContentType(r: Reader, field: string): ContentType {
  return readEnum8(r, field, CONTENT_TYPES, "ContentType");
}

export function encodeContentType(w: Writer, v: ContentType): void {
  w.u8(requireKnown(v, CONTENT_TYPES, "ContentType"));
}

/** RFC 9420 §6 SenderType. */
export const SenderType = { member: 1, external: 2, newMemberProposal: 3, newMemberCommit: 4 } as const;
export type SenderType = (typeof SenderType)[keyof typeof SenderType];
const SENDER_TYPES = valuesOf(SenderType);

/** RFC 9420 §6 Sender: a member leaf, an `external_senders` entry, or a (would-be) new member. */
export type Sender =
  | { readonly senderType: typeof SenderType.member; readonly leafIndex: number }
  | { readonly senderType: typeof SenderType.external; readonly senderIndex: number }
  | { readonly senderType: typeof SenderType.newMemberProposal }
  | { readonly senderType: typeof SenderType.newMemberCommit };

export function encodeSender(w: Writer, v: Sender): void {
  w.u8(requireKnown(v.senderType, SENDER_TYPES, "SenderType"));
  switch (v.senderType) {
    case SenderType.member:
      w.u32(v.leafIndex);
      return;
    case SenderType.external:
      w.u32(v.senderIndex);
      return;
    case SenderType.newMemberProposal:
    case SenderType.newMemberCommit:
      return;
  }
}

export function decodeSender(r: Reader, path = "Sender"): Sender {
  const senderType = readEnum8(r, `${path}.sender_type`, SENDER_TYPES, "SenderType");
  switch (senderType) {
    case SenderType.member:
      return { senderType, leafIndex: r.u32(`${path}.leaf_index`) };
    case SenderType.external:
      return { senderType, senderIndex: r.u32(`${path}.sender_index`) };
    case SenderType.newMemberProposal:
    case SenderType.newMemberCommit:
      return { senderType };
  }
}
