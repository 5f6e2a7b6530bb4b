/**
 * c2sp.org/tlog-proof@v1 files: an entry's index, its inclusion proof and the (co)signed
 * checkpoint, verifiable offline against a policy of log and witness keys.
 */
import { decodeBase64, encodeBase64 } from "./base64.js";
import { type Checkpoint, parseCheckpoint } from "./checkpoint.js";
import { TlogError, TlogProofError } from "./errors.js";
import { HASH_SIZE } from "./hash.js";
import type { NoteVerifier } from "./key-id.js";
import { openNote } from "./note.js";
import { verifyInclusion } from "./verify-inclusion.js";

const HEADER = "c2sp.org/tlog-proof@v1";

export interface TlogProof {
  /** Unauthenticated application data; tlog-proof: MUST NOT be implicitly trusted. */
  readonly extra?: Uint8Array;
  readonly index: number;
  readonly proof: readonly Uint8Array[];
  /** The signed checkpoint note, verbatim. */
  readonly checkpoint: string;
}

export function formatTlogProof(p: TlogProof): string {
  if (!Number.isSafeInteger(p.index) || p.index < 0)
    throw new TlogProofError(`index ${p.index} is not a non-negative safe integer`);
  p.proof.forEach((h, i) => {
    if (h.length !== HASH_SIZE)
      throw new TlogProofError(`proof hash ${i} has ${h.length} bytes, expected ${HASH_SIZE}`);
  });
  const extra = p.extra === undefined ? "" : `extra ${encodeBase64(p.extra)}\n`;
  const hashes = p.proof.map((h) => `${encodeBase64(h)}\n`).join("");
  return `${HEADER}\n${extra}index ${p.index}\n${hashes}\n${p.checkpoint}`;
}

export function parseTlogProof(text: string): TlogProof {
  const lines = text.split("\n");
  let at = 0;
  const next = (): string => lines[at++] ?? "";
  if (next() !== HEADER) throw new TlogProofError(`first line must be ${HEADER}`);
  let line = next();
  let extra: Uint8Array | undefined;
  if (line.startsWith("extra ")) {
    extra = decodeBase64(line.slice("extra ".length));
    if (extra === undefined) throw new TlogProofError("extra line is not valid base64");
    line = next();
  }
  const indexMatch = /^index (0|[1-9][0-9]*)$/.exec(line);
  const index = Number(indexMatch?.[1] ?? Number.NaN);
  if (!Number.isSafeInteger(index))
    throw new TlogProofError(`expected "index <decimal>", got ${JSON.stringify(line)}`);
  const proof: Uint8Array[] = [];
  for (line = next(); line !== ""; line = next()) {
    const hash = decodeBase64(line);
    if (hash?.length !== HASH_SIZE)
      throw new TlogProofError(`proof line ${proof.length + 1} is not a base64 SHA-256 hash`);
    proof.push(hash);
  }
  if (at >= lines.length)
    throw new TlogProofError("missing empty line and checkpoint after the inclusion proof");
  const checkpoint = lines.slice(at).join("\n");
  return extra === undefined ? { index, proof, checkpoint } : { extra, index, proof, checkpoint };
}

export interface TlogProofPolicy {
  /** Checkpoint origin the verifier accepts. */
  readonly origin: string;
  /** Keys of the log; at least one must have signed the checkpoint. */
  readonly logVerifiers: readonly NoteVerifier[];
  readonly witnessVerifiers?: readonly NoteVerifier[];
  /** Number of distinct witness cosignatures required (k of n); default 0. */
  readonly witnessQuorum?: number;
}

/** tlog-proof "Verifying a tlog proof" steps 2–4, given the leaf hash from step 1. */
export function verifyTlogProof(
  text: string,
  leafHash: Uint8Array,
  policy: TlogProofPolicy,
): { proof: TlogProof; checkpoint: Checkpoint; witnesses: NoteVerifier[] } {
  const proof = parseTlogProof(text);
  const witnesses = policy.witnessVerifiers ?? [];
  let opened;
  try {
    opened = openNote(proof.checkpoint, [...policy.logVerifiers, ...witnesses]);
  } catch (e) {
    throw new TlogProofError(`checkpoint rejected: ${(e as Error).message}`, { cause: e });
  }
  const checkpoint = parseCheckpoint(opened.body);
  // Step 2: the origin is acceptable and a configured log key signed it.
  if (checkpoint.origin !== policy.origin)
    throw new TlogProofError(`checkpoint origin ${checkpoint.origin} is not ${policy.origin}`);
  if (!opened.verified.some((v) => policy.logVerifiers.includes(v)))
    throw new TlogProofError("checkpoint is not signed by the log");
  // Step 3: enough known witnesses cosigned.
  const cosigned = opened.verified.filter((v) => witnesses.includes(v));
  const quorum = policy.witnessQuorum ?? 0;
  if (cosigned.length < quorum)
    throw new TlogProofError(
      `checkpoint has ${cosigned.length} witness cosignatures, policy needs ${quorum}`,
    );
  // Step 4: the inclusion proof binds the leaf to the checkpoint's root.
  try {
    verifyInclusion(leafHash, proof.index, checkpoint.size, proof.proof, checkpoint.rootHash);
  } catch (e) {
    if (e instanceof TlogError || e instanceof RangeError)
      throw new TlogProofError(`inclusion proof: ${e.message}`, { cause: e });
    throw e;
  }
  return { proof, checkpoint, witnesses: cosigned };
}
