/**
 * Validating a peer's credential offline: the AS signature (the credential is what the AS says)
 * and the key log's inclusion proof (the AS said it publicly), against a checkpoint consistent
 * with every checkpoint this client has already accepted. A credential the AS issued but did not
 * log — a targeted, hidden binding — fails the second check (RFC 9750 §5, Key Transparency; §8 "Authentication Service Compromise").
 */
import { bytesEqual, encode } from "@parley/codec";
import { verifyParleyCredential, type ParleyTrust, type VerifiedParleyIdentity } from "@parley/identity";
import { encodeCredential, type Credential } from "@parley/mls";
import { leafHash, verifyInclusion } from "@parley/tlog";
import type { CheckpointMemory } from "./checkpoint-memory.js";
import { decodeLoggedEntry } from "./log-entry.js";
import { RuleError } from "./rule-error.js";

/** A log entry with its inclusion proof and signed checkpoint (the `LogProof` of parley.auth.v1). */
export interface LogProofBundle {
  readonly entry: Uint8Array;
  readonly index: number | bigint;
  readonly inclusionProof: readonly Uint8Array[];
  readonly treeSize: number | bigint;
  readonly checkpoint: string;
}

export class PeerProofError extends RuleError<
  "entry-malformed" | "entry-mismatch" | "size-mismatch" | "bad-inclusion"
> {
  override readonly name = "PeerProofError";
}

export interface VerifyPeerInput {
  readonly credential: Credential;
  readonly signatureKey: Uint8Array;
  readonly proof: LogProofBundle;
  readonly trust: ParleyTrust;
  readonly memory: CheckpointMemory;
  /** Between the remembered checkpoint and the proof's, when their sizes differ. */
  readonly consistencyProof?: readonly Uint8Array[];
  readonly now: Date;
}

export interface VerifiedPeer extends VerifiedParleyIdentity {
  readonly logIndex: number;
  readonly treeSize: number;
}

function checkEntryBinds(input: VerifyPeerInput, id: VerifiedParleyIdentity): void {
  let entry;
  try {
    entry = decodeLoggedEntry(input.proof.entry);
  } catch (cause) {
    throw new PeerProofError("entry-malformed", "the proof's entry is not a key log entry", { cause });
  }
  const same =
    entry.type === "keyBinding" &&
    entry.identity === id.userId &&
    bytesEqual(entry.clientId, id.clientId) &&
    bytesEqual(entry.signatureKey, input.signatureKey) &&
    bytesEqual(entry.credential, encode(input.credential, encodeCredential));
  if (!same)
    throw new PeerProofError("entry-mismatch", "the logged binding is not this credential for this key");
}

/** Throws `IdentityError`, `PeerProofError` or `CheckpointError` naming the failed check. */
export function verifyPeerCredential(input: VerifyPeerInput): VerifiedPeer {
  const id = verifyParleyCredential(input.credential, input.signatureKey, input.trust, input.now);
  checkEntryBinds(input, id);
  const cp = input.memory.accept(input.proof.checkpoint, input.consistencyProof);
  const index = Number(input.proof.index);
  if (cp.size !== Number(input.proof.treeSize)) {
    throw new PeerProofError("size-mismatch", "the proof's tree size is not its checkpoint's");
  }
  try {
    verifyInclusion(leafHash(input.proof.entry), index, cp.size, input.proof.inclusionProof, cp.rootHash);
  } catch (cause) {
    throw new PeerProofError(
      "bad-inclusion",
      `the binding is not at index ${index} of the checkpoint's tree`,
      { cause },
    );
  }
  return { ...id, logIndex: index, treeSize: cp.size };
}
