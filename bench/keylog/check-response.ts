import { fromBinary } from "@bufbuild/protobuf";
import { AppendResponseSchema } from "@parley/proto/parley/keylog/v1/keylog_pb";
import { parseVerifierKey, type NoteVerifier } from "@parley/tlog";
import { nodeTreeHasher } from "@parley/tlog/node";
import { verifyAppendResponse } from "../../packages/client/src/append-proofs.js";

/**
 * What a careful Append client does with a response (packages/client append-proofs.ts): open the
 * checkpoint under the log's key and prove every sent entry is in its tree at consecutive indices,
 * from the run proof or the per-entry proofs, whichever form was asked for. The load generator
 * runs this on a sample of responses, so that throughput is measured on a server that is
 * demonstrably answering correctly.
 */
export class ResponseChecker {
  private readonly verifier: NoteVerifier;
  checked = 0;

  constructor(
    verifierKey: string,
    private readonly runProof: boolean,
  ) {
    this.verifier = parseVerifierKey(verifierKey);
  }

  /** Throws a descriptive Error if the response does not prove the inclusion of `sent`. */
  check(sent: readonly Uint8Array[], bytes: Uint8Array): void {
    const res = fromBinary(AppendResponseSchema, bytes);
    const compact = res.entries.length === 0;
    if (this.runProof !== compact) {
      throw new Error(`asked for ${this.runProof ? "a run proof" : "per-entry proofs"}, got the other form`);
    }
    verifyAppendResponse(sent, res, this.verifier, { hasher: nodeTreeHasher });
    this.checked++;
  }
}
