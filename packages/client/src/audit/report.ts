/** What an audit run concluded; a failed run names the inconsistency it found. */

export type AuditProblemKind =
  /** The checkpoint is not validly signed by the configured log key. */
  | "bad-signature"
  /** The checkpoint or note is not well-formed. */
  | "malformed-checkpoint"
  /** The checkpoint is for a different log than the remembered one. */
  | "origin-mismatch"
  /** The log's size went backwards since the remembered checkpoint. */
  | "size-rollback"
  /** The new checkpoint is not consistent with the remembered one (fork / split view). */
  | "split-view"
  /** An entry bundle does not hash to the published level-0 tile. */
  | "rewritten-entry"
  /** An entry bundle is malformed or has the wrong number of entries. */
  | "bad-bundle"
  /** A published tile hash differs from the hash recomputed from the entries. */
  | "tile-mismatch"
  /** The entries hash to a root different from the signed checkpoint's. */
  | "root-mismatch"
  /** A resource could not be fetched. */
  | "fetch-failed"
  /** The local state file is unreadable or does not match its own root. */
  | "state-corrupt";

export interface AuditProblem {
  readonly kind: AuditProblemKind;
  readonly message: string;
  /** The leaf index concerned, when there is one. */
  readonly index?: number;
}

export interface AuditSuccess {
  readonly ok: true;
  readonly origin: string;
  /** Size of the remembered checkpoint before this run (0 on the first run). */
  readonly previousSize: number;
  readonly size: number;
  readonly rootHash: string;
  readonly entriesVerified: number;
  readonly tilesVerified: number;
}

export interface AuditFailure {
  readonly ok: false;
  readonly problem: AuditProblem;
  readonly origin?: string;
  readonly previousSize?: number;
  readonly size?: number;
}

export type AuditReport = AuditSuccess | AuditFailure;

/** Thrown internally to stop a run at the first inconsistency; auditLog turns it into a report. */
export class AuditStop extends Error {
  override readonly name = "AuditStop";
  constructor(readonly problem: AuditProblem) {
    super(problem.message);
  }
}

export function stop(kind: AuditProblemKind, message: string, index?: number): never {
  throw new AuditStop(index === undefined ? { kind, message } : { kind, message, index });
}
