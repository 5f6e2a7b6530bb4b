import { verify } from "node:crypto";
import { fromBinary } from "@bufbuild/protobuf";
import { bytesEqual } from "@parley/codec";
import { ed25519PublicKey } from "@parley/kit";
import { AppendRequestSchema, AppendResponseSchema } from "@parley/proto/parley/keylog/v1/keylog_pb";
import { decodeBase64, parseVerifierKey, type NoteVerifier } from "@parley/tlog";
import { nodeTreeHasher } from "@parley/tlog/node";
import { verifyAppendResponse } from "../../packages/client/src/append-proofs.js";

/**
 * The log's signed-note verifier on node:crypto (OpenSSL), remembering the last signature it
 * accepted. @parley/tlog verifies with @noble/curves, a few milliseconds per checkpoint on this
 * machine: most of the load generator's CPU went there, on the cores the server needs. Key name
 * and key ID come from @parley/tlog's parser, which also checks the key; the first signature is
 * verified by both implementations, and they must agree. Callers of one batch share its
 * checkpoint, so sampled responses often repeat the note just verified.
 */
function nodeNoteVerifier(verifierKey: string): NoteVerifier {
  const reference = parseVerifierKey(verifierKey);
  const raw = decodeBase64(verifierKey.split("+").slice(2).join("+"));
  if (raw?.length !== 33) throw new Error("verifier key is not 0x01 || a 32-byte Ed25519 key");
  const key = ed25519PublicKey(raw.subarray(1));
  let last: { message: Uint8Array; signature: Uint8Array } | undefined;
  let compared = false;
  return {
    name: reference.name,
    keyHash: reference.keyHash,
    verify(message, signature) {
      if (last !== undefined && bytesEqual(last.message, message) && bytesEqual(last.signature, signature)) {
        return true;
      }
      const ok = verify(null, message, key, signature);
      if (!compared) {
        if (ok !== reference.verify(message, signature)) {
          throw new Error("node:crypto and @noble/curves disagree on a checkpoint signature");
        }
        compared = true;
      }
      if (ok) last = { message: message.slice(), signature: signature.slice() };
      return ok;
    },
  };
}

/**
 * What a careful Append client does with a response (packages/client append-proofs.ts): open the
 * checkpoint under the log's key and prove every sent entry is in its tree at consecutive indices,
 * from the run proof or the per-entry proofs, whichever form was asked for. The load generator
 * runs this on a sample of responses, so that throughput is measured on a server that is
 * demonstrably answering correctly. The entries are read back out of the request bytes that were
 * sent, so what is proven is exactly what went over the wire.
 */
export class ResponseChecker {
  private readonly verifier: NoteVerifier;
  checked = 0;

  constructor(
    verifierKey: string,
    private readonly runProof: boolean,
  ) {
    this.verifier = nodeNoteVerifier(verifierKey);
  }

  /** Throws a descriptive Error if `response` does not prove the inclusion of `request`'s entries. */
  check(request: Uint8Array, response: Uint8Array): void {
    const sent = fromBinary(AppendRequestSchema, request).entries;
    const res = fromBinary(AppendResponseSchema, response);
    const compact = res.entries.length === 0;
    if (this.runProof !== compact) {
      throw new Error(`asked for ${this.runProof ? "a run proof" : "per-entry proofs"}, got the other form`);
    }
    verifyAppendResponse(sent, res, this.verifier, { hasher: nodeTreeHasher });
    this.checked++;
  }
}
