import { CodecError } from "@parley/codec";
import type { CallContext } from "@parley/kit";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { nodeTreeHasher } from "@parley/tlog/node";
import type { AppendRequest, AppendResponseSchema } from "@parley/proto/parley/keylog/v1/keylog_pb";
import type { KeylogContext } from "../context.js";
import { checkLogEntry, EntryFormatError } from "../entry/index.js";
import { inclusionProofs } from "../tree/batch-inclusion.js";
import { runInclusionProof } from "../tree/run-inclusion.js";
import { invalidArgument } from "./args.js";

/**
 * Append is refused as a whole if any entry is malformed, so a batch never half-lands. Entries are
 * checked in place (entry/check-entry.ts): the decoded values are not needed here.
 */
function validate(k: KeylogContext, entries: readonly Uint8Array[]): void {
  if (entries.length === 0) throw invalidArgument("Append needs at least one entry");
  if (entries.length > k.config.appendMaxEntries) {
    throw invalidArgument(
      `Append carries ${entries.length} entries, at most ${k.config.appendMaxEntries} allowed`,
    );
  }
  entries.forEach((entry, i) => {
    if (entry.length > k.config.maxEntryBytes) {
      throw invalidArgument(
        `entries[${i}] is ${entry.length} bytes, at most ${k.config.maxEntryBytes} allowed`,
      );
    }
    try {
      checkLogEntry(entry);
    } catch (err) {
      if (err instanceof EntryFormatError || err instanceof CodecError) {
        throw invalidArgument(`entries[${i}] is not a valid log entry: ${err.message}`);
      }
      throw err;
    }
  });
}

/**
 * Append: authorize, validate, queue for sequencing; answer only once the entries are durable and
 * covered by a signed checkpoint, with an inclusion proof of each in that checkpoint's tree — or,
 * when the caller asked for `run_proof`, one run inclusion proof for all of them: ~20 hashes
 * instead of ~20 per entry, which is most of the encoding work and the response size.
 */
export function appendRoute(k: KeylogContext) {
  return async (
    req: AppendRequest,
    ctx: CallContext,
  ): Promise<MessageInitShape<typeof AppendResponseSchema>> => {
    k.authorizer.check(ctx);
    validate(k, req.entries);
    const leafHashes = req.entries.map((e) => nodeTreeHasher.leafHash(e));
    const done = await k.sequencer.add(req.entries, leafHashes);
    const common = {
      checkpoint: done.checkpoint.note,
      treeSize: BigInt(done.checkpoint.size),
      firstIndex: BigInt(done.firstIndex),
    };
    if (req.runProof) {
      return {
        ...common,
        runProof: runInclusionProof(done.firstIndex, leafHashes.length, done.edge, k.store.nodes),
      };
    }
    const proofs = inclusionProofs(done.firstIndex, leafHashes.length, done.edge, k.store.nodes);
    return {
      ...common,
      entries: leafHashes.map((hash, i) => ({
        index: BigInt(done.firstIndex + i),
        leafHash: hash,
        inclusionProof: proofs[i] ?? [],
      })),
    };
  };
}
