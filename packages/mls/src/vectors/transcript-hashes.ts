/**
 * Runner for the MLS interop `transcript-hashes.json` vectors (RFC 9420 §8.2, §6.1). One case per JSON
 * element: the Commit's confirmation tag must verify under `confirmation_key` against the new confirmed
 * transcript hash, and both hashes must follow from `interim_transcript_hash_before`.
 */
import { decode } from "@parley/codec";
import type { CryptoProvider } from "../crypto/provider.js";
import { decodeAuthenticatedContent } from "../codec/index.js";
import { computeConfirmationTag } from "../framing/tags.js";
import { nextTranscriptHashes } from "../schedule/transcript-hashes.js";
import type { VectorOutcome, VectorRunner } from "./types.js";
import { ShapeError, hex, runCases } from "./vector-case.js";

export const run: VectorRunner = (data: unknown, provider: CryptoProvider): VectorOutcome =>
  runCases("transcript-hashes", data, provider, (cs, c, diffs) => {
    const ac = decode(
      hex(c, "authenticated_content"),
      (r) => decodeAuthenticatedContent(r),
      "AuthenticatedContent",
    );
    const tag = ac.auth.confirmationTag;
    if (tag === undefined) throw new ShapeError("authenticated_content is not a Commit");
    const confirmedAfter = hex(c, "confirmed_transcript_hash_after");
    diffs.bytes(
      "confirmation_tag",
      tag,
      computeConfirmationTag(cs, hex(c, "confirmation_key"), confirmedAfter),
    );
    const next = nextTranscriptHashes(cs, hex(c, "interim_transcript_hash_before"), ac);
    diffs.bytes("confirmed_transcript_hash_after", next.confirmedTranscriptHash, confirmedAfter);
    diffs.bytes(
      "interim_transcript_hash_after",
      next.interimTranscriptHash,
      hex(c, "interim_transcript_hash_after"),
    );
  });
