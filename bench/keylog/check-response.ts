import { fromBinary } from "@bufbuild/protobuf";
import { bytesEqual } from "@parley/codec";
import { AppendResponseSchema } from "@parley/proto/parley/keylog/v1/keylog_pb";
import {
  leafHash,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  verifyInclusion,
  type NoteVerifier,
} from "@parley/tlog";

/**
 * What a careful Append client does with a response: decode it, open the checkpoint under the
 * log's key, and verify every entry's inclusion proof against that checkpoint's root (RFC 9162
 * §2.1.3.2) for the leaf hash of the entry it sent, at consecutive indices. The load generator
 * runs this on a sample of responses, so that throughput is measured on a server that is
 * demonstrably answering correctly.
 */
export class ResponseChecker {
  private readonly verifier: NoteVerifier;
  private readonly origin: string;
  checked = 0;

  constructor(verifierKey: string) {
    this.verifier = parseVerifierKey(verifierKey);
    this.origin = this.verifier.name;
  }

  /** Throws a descriptive Error if the response does not prove the inclusion of `sent`. */
  check(sent: readonly Uint8Array[], bytes: Uint8Array): void {
    const res = fromBinary(AppendResponseSchema, bytes);
    const cp = parseCheckpoint(openNote(res.checkpoint, [this.verifier]).body);
    if (cp.origin !== this.origin) throw new Error(`checkpoint origin ${cp.origin} is not ${this.origin}`);
    if (BigInt(cp.size) !== res.treeSize) {
      throw new Error(`tree_size ${res.treeSize} differs from the checkpoint's ${cp.size}`);
    }
    if (res.entries.length !== sent.length) {
      throw new Error(`${res.entries.length} results for ${sent.length} entries`);
    }
    const first = Number(res.entries[0]?.index ?? 0n);
    sent.forEach((entry, i) => {
      const got = res.entries[i];
      const hash = leafHash(entry);
      if (got === undefined || Number(got.index) !== first + i || !bytesEqual(got.leafHash, hash)) {
        throw new Error(`result ${i} does not describe the entry sent at that position`);
      }
      verifyInclusion(hash, first + i, cp.size, got.inclusionProof, cp.rootHash);
    });
    this.checked++;
  }
}
