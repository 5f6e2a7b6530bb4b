import type { Reader, Writer } from "@parley/codec";
import { UsageError } from "../errors.js";
import { type FramedContent, decodeFramedContent, encodeFramedContent } from "./framed-content.js";
import { ContentType } from "./sender.js";
import { type FramingWireFormat, decodeFramingWireFormat, encodeFramingWireFormat } from "./wire-format.js";

/**
 * RFC 9420 §8.2 ConfirmedTranscriptHashInput: a Commit's AuthenticatedContent without its
 * confirmation tag (the tag is derived from the hash this feeds).
 */
export interface ConfirmedTranscriptHashInput {
  readonly wireFormat: FramingWireFormat;
  readonly content: FramedContent;
  readonly signature: Uint8Array;
}

export function encodeConfirmedTranscriptHashInput(w: Writer, v: ConfirmedTranscriptHashInput): void {
  if (v.content.contentType !== ContentType.commit) {
    throw new UsageError("ConfirmedTranscriptHashInput content must be a commit (RFC 9420 §8.2)");
  }
  encodeFramingWireFormat(w, v.wireFormat);
  encodeFramedContent(w, v.content);
  w.opaque(v.signature);
}

export function decodeConfirmedTranscriptHashInput(
  r: Reader,
  path = "ConfirmedTranscriptHashInput",
): ConfirmedTranscriptHashInput {
  const wireFormat = decodeFramingWireFormat(r, `${path}.wire_format`);
  const content = decodeFramedContent(r, `${path}.content`);
  if (content.contentType !== ContentType.commit) r.fail("content is not a commit", `${path}.content`);
  return { wireFormat, content, signature: r.opaque(`${path}.signature`) };
}

/** RFC 9420 §8.2 InterimTranscriptHashInput. */
export interface InterimTranscriptHashInput {
  readonly confirmationTag: Uint8Array;
}

export function encodeInterimTranscriptHashInput(w: Writer, v: InterimTranscriptHashInput): void {
  w.opaque(v.confirmationTag);
}

export function decodeInterimTranscriptHashInput(
  r: Reader,
  path = "InterimTranscriptHashInput",
): InterimTranscriptHashInput {
  return { confirmationTag: r.opaque(`${path}.confirmation_tag`) };
}
