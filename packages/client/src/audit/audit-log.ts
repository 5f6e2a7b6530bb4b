/**
 * The log auditor: follows a C2SP tiled log, proves each new checkpoint consistent with the last
 * one it verified, recomputes the new part of the tree from the entries, and remembers the
 * result. Any contradiction — a bad signature, a fork, a rewritten entry, a shrinking log — ends
 * the run with a report naming it, and the remembered state is left untouched.
 */
import { bytesEqual } from "@parley/codec";
import {
  CompactRange,
  ProofError,
  TileError,
  encodeBase64,
  parseVerifierKey,
  proveConsistency,
  tileHashReader,
  verifyConsistency,
} from "@parley/tlog";
import { type Fetch, HttpLog } from "./http-log.js";
import { type AuditReport, AuditStop, stop } from "./report.js";
import { type AuditState, loadState, saveState } from "./state.js";
import { type SignedCheckpoint, fetchVerifiedCheckpoint } from "./verify-checkpoint.js";
import { verifyNewEntries } from "./verify-entries.js";

export interface AuditOptions {
  /** URL prefix of the log, e.g. `http://127.0.0.1:7081/`. */
  readonly baseUrl: string;
  /** The log's signed-note verifier key (vkey). */
  readonly verifierKey: string;
  /** Where the last verified checkpoint and compact range are kept between runs. */
  readonly statePath: string;
  readonly fetch?: Fetch;
}

export async function auditLog(options: AuditOptions): Promise<AuditReport> {
  const verifier = parseVerifierKey(options.verifierKey);
  const log = new HttpLog(options.baseUrl, options.fetch ?? globalThis.fetch);
  let previous: AuditState | undefined;
  let signed: SignedCheckpoint | undefined;
  try {
    previous = await loadState(options.statePath);
    signed = await fetchVerifiedCheckpoint(log, verifier);
    const { checkpoint } = signed;
    await checkAgainstPrevious(log, previous, signed);
    const range = previous?.range ?? CompactRange.empty();
    const check = await verifyNewEntries(log, range, checkpoint.size);
    if (!bytesEqual(range.root(), checkpoint.rootHash)) {
      stop(
        "root-mismatch",
        `the ${checkpoint.size} entries hash to a root other than the signed checkpoint's`,
      );
    }
    await saveState(options.statePath, { ...checkpoint, checkpoint: signed.note, range });
    return {
      ok: true,
      origin: checkpoint.origin,
      previousSize: previous?.size ?? 0,
      size: checkpoint.size,
      rootHash: encodeBase64(checkpoint.rootHash),
      ...check,
    };
  } catch (e) {
    if (!(e instanceof AuditStop)) throw e;
    const context = {
      ...(signed === undefined ? {} : { origin: signed.checkpoint.origin, size: signed.checkpoint.size }),
      ...(previous === undefined ? {} : { previousSize: previous.size }),
    };
    return { ok: false, problem: e.problem, ...context };
  }
}

/** The new checkpoint must extend the remembered one: same log, no shrinking, provably consistent. */
async function checkAgainstPrevious(
  log: HttpLog,
  previous: AuditState | undefined,
  signed: SignedCheckpoint,
): Promise<void> {
  if (previous === undefined) return;
  const { checkpoint } = signed;
  if (checkpoint.origin !== previous.origin) {
    stop(
      "origin-mismatch",
      `checkpoint origin ${checkpoint.origin} is not the audited log ${previous.origin}`,
    );
  }
  if (checkpoint.size < previous.size) {
    stop("size-rollback", `log size went backwards from ${previous.size} to ${checkpoint.size}`);
  }
  if (checkpoint.size === previous.size) {
    if (!bytesEqual(checkpoint.rootHash, previous.rootHash)) {
      stop("split-view", `two different signed roots for tree size ${checkpoint.size}`);
    }
    return;
  }
  if (previous.size === 0) return;
  const reader = tileHashReader(checkpoint.size, log);
  try {
    const proof = await proveConsistency(previous.size, checkpoint.size, reader);
    verifyConsistency(previous.size, checkpoint.size, proof, previous.rootHash, checkpoint.rootHash);
  } catch (e) {
    if (e instanceof TileError)
      stop("tile-mismatch", `cannot build the consistency proof from tiles: ${e.message}`);
    if (!(e instanceof ProofError)) throw e;
    stop(
      "split-view",
      `checkpoint ${checkpoint.size} is not consistent with remembered checkpoint ${previous.size}: ${e.message}`,
    );
  }
}
