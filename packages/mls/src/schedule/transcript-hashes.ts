/**
 * RFC 9420 §8.2 "Transcript Hashes": the running hashes over every Commit. The confirmed hash covers a
 * Commit up to its signature and goes into the new GroupContext; the interim hash adds the Commit's
 * confirmation tag and seeds the next confirmed hash.
 */
import { Writer, concatBytes, encode } from "@parley/codec";
import type { CipherSuite } from "../crypto/provider.js";
import {
  ContentType,
  encodeConfirmedTranscriptHashInput,
  encodeFramingWireFormat,
  encodeInterimTranscriptHashInput,
} from "../codec/index.js";
import type { AuthenticatedContent } from "../codec/index.js";
import { UsageError } from "../errors.js";

/** The pair a member carries from epoch to epoch. Both are the empty string before the first Commit. */
export interface TranscriptHashes {
  readonly confirmedTranscriptHash: Uint8Array;
  readonly interimTranscriptHash: Uint8Array;
}

export const initialTranscriptHashes: TranscriptHashes = {
  confirmedTranscriptHash: new Uint8Array(0),
  interimTranscriptHash: new Uint8Array(0),
};

/**
 * `confirmed_transcript_hash_[n] = Hash(interim_transcript_hash_[n-1] || ConfirmedTranscriptHashInput_[n])`,
 * where the input is the Commit's wire format, FramedContent and signature (not its confirmation tag).
 * `framedContentBytes`, if given, is the encoding of `commit.content` as received: hashing it directly
 * spares re-encoding a Commit whose UpdatePath may run to megabytes.
 */
export function computeConfirmedTranscriptHash(
  cs: CipherSuite,
  interimBefore: Uint8Array,
  commit: AuthenticatedContent,
  framedContentBytes?: Uint8Array,
): Uint8Array {
  if (commit.content.contentType !== ContentType.commit) {
    throw new UsageError("only a Commit updates the transcript hashes (RFC 9420 §8.2)");
  }
  if (framedContentBytes === undefined) {
    const input = encode(
      { wireFormat: commit.wireFormat, content: commit.content, signature: commit.auth.signature },
      encodeConfirmedTranscriptHashInput,
    );
    return cs.hash(concatBytes(interimBefore, input));
  }
  const w = new Writer(interimBefore.length + framedContentBytes.length + commit.auth.signature.length + 16);
  w.bytes(interimBefore);
  encodeFramingWireFormat(w, commit.wireFormat);
  w.bytes(framedContentBytes).opaque(commit.auth.signature);
  return cs.hash(w.finish());
}

/** `interim_transcript_hash_[n] = Hash(confirmed_transcript_hash_[n] || InterimTranscriptHashInput_[n])`. */
export function computeInterimTranscriptHash(
  cs: CipherSuite,
  confirmed: Uint8Array,
  confirmationTag: Uint8Array,
): Uint8Array {
  const input = encode({ confirmationTag }, encodeInterimTranscriptHashInput);
  return cs.hash(concatBytes(confirmed, input));
}

/**
 * Both hashes after a Commit whose confirmation tag is known (a received Commit, or one the caller has
 * finished building). Senders compute the confirmed hash first, derive the confirmation tag from the new
 * epoch's `confirmation_key`, then the interim hash.
 */
export function nextTranscriptHashes(
  cs: CipherSuite,
  interimBefore: Uint8Array,
  commit: AuthenticatedContent,
): TranscriptHashes {
  const tag = commit.auth.confirmationTag;
  if (tag === undefined) throw new UsageError("a Commit's AuthenticatedContent needs its confirmation_tag");
  const confirmedTranscriptHash = computeConfirmedTranscriptHash(cs, interimBefore, commit);
  return {
    confirmedTranscriptHash,
    interimTranscriptHash: computeInterimTranscriptHash(cs, confirmedTranscriptHash, tag),
  };
}
