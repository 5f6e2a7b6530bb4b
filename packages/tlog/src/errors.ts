/**
 * The tlog error hierarchy. Every error names what was wrong with the input so that a log
 * operator or auditor can act on it; none of them ever carries key material.
 */
export class TlogError extends Error {
  override readonly name: string = "TlogError";
}

/** A Merkle proof (RFC 9162 §2.1.3, §2.1.4) or its parameters are invalid. */
export class ProofError extends TlogError {
  override readonly name: string = "ProofError";
}

/** A checkpoint body violates c2sp.org/tlog-checkpoint. */
export class CheckpointError extends TlogError {
  override readonly name: string = "CheckpointError";
}

/** A signed note, key or signature violates c2sp.org/signed-note or c2sp.org/tlog-cosignature. */
export class NoteError extends TlogError {
  override readonly name: string = "NoteError";
}

/** A tile path, tile, or entry bundle violates c2sp.org/tlog-tiles. */
export class TileError extends TlogError {
  override readonly name: string = "TileError";
}

/** A tlog-proof file violates c2sp.org/tlog-proof or does not verify. */
export class TlogProofError extends TlogError {
  override readonly name: string = "TlogProofError";
}
