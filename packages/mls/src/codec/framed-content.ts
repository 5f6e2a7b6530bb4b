import type { Reader, Writer } from "@parley/codec";
import { UsageError } from "../errors.js";
import { type Commit, decodeCommit, encodeCommit } from "./commit.js";
import { type Proposal, decodeProposal, encodeProposal } from "./proposal.js";
import {
  ContentType,
  type Sender,
  decodeContentType,
  decodeSender,
  encodeContentType,
  encodeSender,
} from "./sender.js";

/** The `select (content_type)` body shared by FramedContent and PrivateMessageContent (RFC 9420 §6, §6.3.1). */
export type FramedContentBody =
  | { readonly contentType: typeof ContentType.application; readonly applicationData: Uint8Array }
  | { readonly contentType: typeof ContentType.proposal; readonly proposal: Proposal }
  | { readonly contentType: typeof ContentType.commit; readonly commit: Commit };

/** RFC 9420 §6 FramedContent: what a sender signs, before public or private protection. */
export type FramedContent = {
  readonly groupId: Uint8Array;
  readonly epoch: bigint;
  readonly sender: Sender;
  readonly authenticatedData: Uint8Array;
} & FramedContentBody;

/**
 * RFC 9420 §6.1 FramedContentAuthData. `confirmationTag` is present exactly when the content is a
 * commit; the decoder therefore needs the content type, as the RFC's `select` does.
 */
export interface FramedContentAuthData {
  readonly signature: Uint8Array;
  readonly confirmationTag?: Uint8Array | undefined;
}

/** Writes the content-type byte and the matching body. */
export function encodeFramedContentBody(w: Writer, v: FramedContentBody): void {
  encodeContentType(w, v.contentType);
  writeBodyValue(w, v);
}

/** Writes only the body, for PrivateMessageContent where the content type lives outside. */
export function writeBodyValue(w: Writer, v: FramedContentBody): void {
  switch (v.contentType) {
    case ContentType.application:
      w.opaque(v.applicationData);
      return;
    case ContentType.proposal:
      encodeProposal(w, v.proposal);
      return;
    case ContentType.commit:
      encodeCommit(w, v.commit);
      return;
  }
}

/** Reads the body selected by an already-known content type. */
export function readBodyValue(r: Reader, contentType: ContentType, path: string): FramedContentBody {
  switch (contentType) {
    case ContentType.application:
      return { contentType, applicationData: r.opaque(`${path}.application_data`) };
    case ContentType.proposal:
      return { contentType, proposal: decodeProposal(r, `${path}.proposal`) };
    case ContentType.commit:
      return { contentType, commit: decodeCommit(r, `${path}.commit`) };
  }
}

export function encodeFramedContent(w: Writer, v: FramedContent): void {
  w.opaque(v.groupId).u64(v.epoch);
  encodeSender(w, v.sender);
  w.opaque(v.authenticatedData);
  encodeFramedContentBody(w, v);
}

export function decodeFramedContent(r: Reader, path = "FramedContent"): FramedContent {
  const groupId = r.opaque(`${path}.group_id`);
  const epoch = r.u64(`${path}.epoch`);
  const sender = decodeSender(r, `${path}.sender`);
  const authenticatedData = r.opaque(`${path}.authenticated_data`);
  const contentType = decodeContentType(r, `${path}.content_type`);
  return { groupId, epoch, sender, authenticatedData, ...readBodyValue(r, contentType, path) };
}

export function encodeFramedContentAuthData(
  w: Writer,
  v: FramedContentAuthData,
  contentType: ContentType,
): void {
  w.opaque(v.signature);
  const isCommit = contentType === ContentType.commit;
  if (isCommit && v.confirmationTag === undefined) {
    throw new UsageError("commit content needs a confirmation_tag (RFC 9420 §6.1)");
  }
  if (!isCommit && v.confirmationTag !== undefined) {
    throw new UsageError("only commit content carries a confirmation_tag (RFC 9420 §6.1)");
  }
  if (v.confirmationTag !== undefined) w.opaque(v.confirmationTag);
}

export function decodeFramedContentAuthData(
  r: Reader,
  contentType: ContentType,
  path = "FramedContentAuthData",
): FramedContentAuthData {
  const signature = r.opaque(`${path}.signature`);
  if (contentType !== ContentType.commit) return { signature };
  return { signature, confirmationTag: r.opaque(`${path}.confirmation_tag`) };
}
