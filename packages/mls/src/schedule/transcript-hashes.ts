/**
 * RFC 9420 §8.2 "Transcript Hashes": the running hashes over every Commit. The confirmed hash covers a
 * Commit up to its signature and goes into the new GroupContext; the interim hash adds the Commit's
 * confirmation tag and seeds the next confirmed hash.
 */
import { concatBytes, encode } from "@parley/codec";
import type { CipherSuite } from "../crypto/provider.js";
import {
  ContentType,
  encodeConfirmedTranscriptHashInput,
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
 */
export function computeConfirmedTranscriptHash(
  cs: CipherSuite,
  interimBefore: Uint8Array,
  commit: AuthenticatedContent,
): Uint8Array {
  if (commit.content.contentType !== ContentType.commit) {
    throw new UsageError("only a Commit updates the transcript hashes (RFC 9420 §8.2)");
  }
  const input = encode(
    { wireFormat: commit.wireFormat, content: commit.content, signature: commit.auth.signature },
    encodeConfirmedTranscriptHashInput,
  );
  return cs.hash(concatBytes(interimBefore, input));
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
