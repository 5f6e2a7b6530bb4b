import type { Reader, Writer } from "@parley/codec";
import { UsageError } from "../errors.js";
import {
  type FramedContent,
  type FramedContentAuthData,
  decodeFramedContent,
  decodeFramedContentAuthData,
  encodeFramedContent,
  encodeFramedContentAuthData,
} from "./framed-content.js";
import { type GroupContext, decodeGroupContext, encodeGroupContext } from "./group-context.js";
import { decodeMls10, encodeMls10 } from "./protocol-version.js";
import { SenderType } from "./sender.js";
import { type FramingWireFormat, decodeFramingWireFormat, encodeFramingWireFormat } from "./wire-format.js";

/**
 * RFC 9420 §6 AuthenticatedContent: signed content with the wire format it travels in. Its encoding
 * is what a ProposalRef hashes (§5.2) and what the confirmed transcript hash covers (§8.2).
 */
export interface AuthenticatedContent {
  readonly wireFormat: FramingWireFormat;
  readonly content: FramedContent;
  readonly auth: FramedContentAuthData;
}

export function encodeAuthenticatedContent(w: Writer, v: AuthenticatedContent): void {
  encodeFramingWireFormat(w, v.wireFormat);
  encodeFramedContent(w, v.content);
  encodeFramedContentAuthData(w, v.auth, v.content.contentType);
}

export function decodeAuthenticatedContent(r: Reader, path = "AuthenticatedContent"): AuthenticatedContent {
  const wireFormat = decodeFramingWireFormat(r, `${path}.wire_format`);
  const content = decodeFramedContent(r, `${path}.content`);
  return { wireFormat, content, auth: decodeFramedContentAuthData(r, content.contentType, `${path}.auth`) };
}

/**
 * RFC 9420 §6.1 FramedContentTBS: what `signature` signs. Members and new-member committers also sign
 * the current GroupContext, binding the signature to one group and epoch; `context` is present
 * exactly for those sender types.
 */
export interface FramedContentTBS {
  readonly wireFormat: FramingWireFormat;
  readonly content: FramedContent;
  readonly context?: GroupContext | undefined;
}

function signsGroupContext(content: FramedContent): boolean {
  const type = content.sender.senderType;
  return type === SenderType.member || type === SenderType.newMemberCommit;
}

export function encodeFramedContentTBS(w: Writer, v: FramedContentTBS): void {
  const needsContext = signsGroupContext(v.content);
  if (needsContext && v.context === undefined) {
    throw new UsageError("FramedContentTBS from a member or new-member commit needs the GroupContext");
  }
  if (!needsContext && v.context !== undefined) {
    throw new UsageError("FramedContentTBS from an external or new-member proposal has no GroupContext");
  }
  encodeMls10(w);
  encodeFramingWireFormat(w, v.wireFormat);
  encodeFramedContent(w, v.content);
  if (v.context !== undefined) encodeGroupContext(w, v.context);
}

export function decodeFramedContentTBS(r: Reader, path = "FramedContentTBS"): FramedContentTBS {
  decodeMls10(r, `${path}.version`);
  const wireFormat = decodeFramingWireFormat(r, `${path}.wire_format`);
  const content = decodeFramedContent(r, `${path}.content`);
  if (!signsGroupContext(content)) return { wireFormat, content };
  return { wireFormat, content, context: decodeGroupContext(r, `${path}.context`) };
}

/** RFC 9420 §6.2 AuthenticatedContentTBM: the input of a PublicMessage's `membership_tag` MAC. */
export interface AuthenticatedContentTBM {
  readonly contentTbs: FramedContentTBS;
  readonly auth: FramedContentAuthData;
}

export function encodeAuthenticatedContentTBM(w: Writer, v: AuthenticatedContentTBM): void {
  encodeFramedContentTBS(w, v.contentTbs);
  encodeFramedContentAuthData(w, v.auth, v.contentTbs.content.contentType);
}

export function decodeAuthenticatedContentTBM(
  r: Reader,
  path = "AuthenticatedContentTBM",
): AuthenticatedContentTBM {
  const contentTbs = decodeFramedContentTBS(r, `${path}.content_tbs`);
  const auth = decodeFramedContentAuthData(r, contentTbs.content.contentType, `${path}.auth`);
  return { contentTbs, auth };
}
