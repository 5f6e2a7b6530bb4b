/** A complete subtree: `level` (0 = leaf) covering leaves [index << level, (index + 1) << level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/**
 * Storage-agnostic access to complete-subtree hashes. Proof generation asks for every hash it
 * needs in one call so that a store can batch the reads (one round trip per proof).
 */
export interface HashReader {
  readHashes(ids: readonly NodeId[]): Promise<Uint8Array[]>;
}
