import { CodecError } from "@parley/codec";
import type { CallContext } from "@parley/kit";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { AppendRequest, AppendResponseSchema } from "@parley/proto/parley/keylog/v1/keylog_pb";
import type { KeylogContext } from "../context.js";
import { decodeLogEntry, EntryFormatError } from "../entry/index.js";
import { inclusionProofs } from "../tree/batch-inclusion.js";
import { leafHash } from "../tree/tree-hash.js";
import { invalidArgument } from "./args.js";

/** Append is refused as a whole if any entry is malformed, so a batch never half-lands. */
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
      decodeLogEntry(entry);
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
 * covered by a signed checkpoint, with an inclusion proof of each in that checkpoint's tree.
 */
export function appendRoute(k: KeylogContext) {
  return async (
    req: AppendRequest,
    ctx: CallContext,
  ): Promise<MessageInitShape<typeof AppendResponseSchema>> => {
    k.authorizer.check(ctx);
    validate(k, req.entries);
    const leafHashes = req.entries.map((e) => leafHash(e));
    const done = await k.sequencer.add(req.entries, leafHashes);
    const size = done.checkpoint.size;
    const proofs = inclusionProofs(done.firstIndex, leafHashes.length, done.edge, k.store.nodes);
    return {
      entries: leafHashes.map((hash, i) => ({
        index: BigInt(done.firstIndex + i),
        leafHash: hash,
        inclusionProof: proofs[i] ?? [],
      })),
      checkpoint: done.checkpoint.note,
      treeSize: BigInt(size),
    };
  };
}
