/**
 * What a careful Append caller does with the answer before trusting it: open the checkpoint under
 * the log's key (C2SP signed-note), check it is the log's (origin) and agrees with tree_size, and
 * prove every sent entry is in that checkpoint's tree at consecutive indices — from one run
 * inclusion proof when the call asked for `run_proof`, else from each entry's RFC 9162 §2.1.3
 * inclusion proof. Leaf hashes are always recomputed from the bytes sent, never taken from the
 * response.
 */
import { bytesEqual } from "@parley/codec";
import type { AppendResponse } from "@parley/proto/parley/keylog/v1/keylog_pb";
import {
  NoteError,
  CheckpointError,
  ProofError,
  openNote,
  parseCheckpoint,
  portableTreeHasher,
  verifyInclusion,
  verifyRunInclusion,
  type Checkpoint,
  type NoteVerifier,
  type TreeHasher,
} from "@parley/tlog";

/** The response does not prove what was sent; `message` says which check failed. */
export class AppendProofError extends Error {
  override readonly name = "AppendProofError";
}

export interface AppendVerifyOptions {
  /** Checkpoint origin to require; defaults to the verifier key's name. */
  readonly origin?: string;
  /** Merkle hashing to use (e.g. `nodeTreeHasher` from `@parley/tlog/node`); portable by default. */
  readonly hasher?: TreeHasher;
}

/** A verified Append answer: the sent entries are at firstIndex… in the signed `checkpoint`. */
export interface VerifiedAppend {
  readonly note: string;
  readonly checkpoint: Checkpoint;
  readonly firstIndex: number;
}

/** Throws AppendProofError unless `response` proves every entry of `sent` is logged, in order. */
export function verifyAppendResponse(
  sent: readonly Uint8Array[],
  response: AppendResponse,
  verifier: NoteVerifier,
  options: AppendVerifyOptions = {},
): VerifiedAppend {
  if (sent.length === 0) throw new AppendProofError("no entries were sent, so there is nothing to verify");
  const hasher = options.hasher ?? portableTreeHasher;
  const checkpoint = openCheckpoint(response.checkpoint, verifier, options.origin ?? verifier.name);
  if (BigInt(checkpoint.size) !== response.treeSize) {
    throw new AppendProofError(
      `tree_size ${response.treeSize} differs from the checkpoint's ${checkpoint.size}`,
    );
  }
  const leafHashes = sent.map((e) => hasher.leafHash(e));
  const compact = response.entries.length === 0;
  const first = compact ? response.firstIndex : (response.entries[0]?.index ?? 0n);
  if (
    first > BigInt(Number.MAX_SAFE_INTEGER) ||
    (!compact && response.firstIndex !== first && response.firstIndex !== 0n)
  ) {
    throw new AppendProofError(`first index ${response.firstIndex} is not a consistent log index`);
  }
  const firstIndex = Number(first);
  try {
    if (compact) {
      verifyRunInclusion(
        firstIndex,
        leafHashes,
        checkpoint.size,
        response.runProof,
        checkpoint.rootHash,
        hasher,
      );
    } else {
      verifyEach(response, leafHashes, firstIndex, checkpoint);
    }
  } catch (e) {
    if (e instanceof ProofError || e instanceof RangeError)
      throw new AppendProofError(e.message, { cause: e });
    throw e;
  }
  return { note: response.checkpoint, checkpoint, firstIndex };
}

function openCheckpoint(note: string, verifier: NoteVerifier, origin: string): Checkpoint {
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(openNote(note, [verifier]).body);
  } catch (e) {
    if (e instanceof NoteError || e instanceof CheckpointError) {
      throw new AppendProofError(`checkpoint rejected: ${e.message}`, { cause: e });
    }
    throw e;
  }
  if (checkpoint.origin !== origin) {
    throw new AppendProofError(`checkpoint origin ${checkpoint.origin} is not ${origin}`);
  }
  return checkpoint;
}

/** The per-entry form: one result per entry, at consecutive indices, each with its PATH. */
function verifyEach(
  response: AppendResponse,
  leafHashes: readonly Uint8Array[],
  firstIndex: number,
  checkpoint: Checkpoint,
): void {
  if (response.runProof.length > 0) throw new AppendProofError("response carries both proof forms");
  if (response.entries.length !== leafHashes.length) {
    throw new AppendProofError(`${response.entries.length} results for ${leafHashes.length} entries`);
  }
  leafHashes.forEach((hash, i) => {
    const got = response.entries[i];
    if (got?.index !== BigInt(firstIndex + i) || !bytesEqual(got.leafHash, hash)) {
      throw new AppendProofError(`result ${i} does not describe the entry sent at that position`);
    }
    verifyInclusion(hash, firstIndex + i, checkpoint.size, got.inclusionProof, checkpoint.rootHash);
  });
}
