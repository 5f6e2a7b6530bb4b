export { HASH_SIZE, leafHash, nodeHash, emptyRoot, sha256Digest, portableTreeHasher } from "./hash.js";
export { createTreeHasher, type Sha256, type TreeHasher } from "./tree-hasher.js";
export type { NodeId, HashReader } from "./hash-reader.js";
export { TlogError, ProofError, CheckpointError, NoteError, TileError, TlogProofError } from "./errors.js";
export { encodeBase64, decodeBase64 } from "./base64.js";
export {
  proveInclusion,
  proveConsistency,
  treeRoot,
  subtreeRoot,
  proveSubtreeInclusion,
  proveSubtreeConsistency,
  proveRunInclusion,
} from "./prove.js";
export { runInclusionRanges, type LeafRange } from "./proof-plan.js";
export { verifyInclusion, rootFromInclusionProof } from "./verify-inclusion.js";
export { verifyRunInclusion, rootFromRunInclusionProof } from "./verify-run-inclusion.js";
export { verifyConsistency } from "./verify-consistency.js";
export { isValidSubtree, verifySubtreeInclusion, verifySubtreeConsistency } from "./subtree.js";
export { CompactRange } from "./compact-range.js";
export {
  TILE_HEIGHT,
  TILE_WIDTH,
  tilePath,
  entriesPath,
  parseTilePath,
  type ParsedTilePath,
} from "./tile-path.js";
export { tileWidth, tilesChanged, tileHashPosition, type TileRef } from "./tile-layout.js";
export { encodeEntryBundle, decodeEntryBundle } from "./entry-bundle.js";
export { tileHashReader, type TileReader } from "./tile-hash-reader.js";
export { MemoryTiles } from "./memory-tiles.js";
export { type Checkpoint, formatCheckpoint, parseCheckpoint } from "./checkpoint.js";
export {
  type NoteSigner,
  type NoteVerifier,
  SIGNATURE_TYPE_ED25519,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  isValidKeyName,
  keyIdFor,
  formatVerifierKey,
} from "./key-id.js";
export {
  signNote,
  openNote,
  parseNote,
  assertNoteText,
  MAX_NOTE_SIGNATURES,
  MAX_NOTE_LENGTH,
  type NoteSignature,
  type OpenedNote,
} from "./note.js";
export { generateEd25519SignerKey, ed25519SignerFromKey, parseVerifierKey } from "./note-keys.js";
export {
  cosignatureV1Message,
  cosignatureV1Signer,
  cosignatureV1Verifier,
  parseTimestampedSignature,
  type TimestampedSignature,
} from "./cosignature.js";
export {
  formatTlogProof,
  parseTlogProof,
  verifyTlogProof,
  type TlogProof,
  type TlogProofPolicy,
} from "./tlog-proof.js";
