/**
 * The RFC 9420 §9 / §15.3 validation rules enforced by the secret tree, each with its negative test in
 * `test/secret-tree-*.test.ts`. Ids are stable: callers and tests match on them, never on message text.
 */
export const SecretTreeRule = {
  /** §6.3.2 / §9: the sender's leaf index must be a leaf of this epoch's tree. */
  leafInRange: { id: "SECRET-TREE-1", section: "§6.3.2" },
  /** §9.1: a key/nonce pair is used for one message only; a consumed generation is never served again. */
  generationReused: { id: "SECRET-TREE-2", section: "§9.1" },
  /** §9.2: unused keys older than the out-of-order window are deleted and cannot decrypt. */
  generationDeleted: { id: "SECRET-TREE-3", section: "§9.2" },
  /** §15.3: the ratchet is not moved forward more than `maxForwardDistance` steps for one message. */
  generationTooFarAhead: { id: "SECRET-TREE-4", section: "§15.3" },
  /** §9.1: generations are uint32; a ratchet that reached 2^32 - 1 cannot produce further keys. */
  generationOutOfRange: { id: "SECRET-TREE-5", section: "§9.1" },
  /**
   * §9.2 (imported state, not in RFC 9420): a secret tree taken back from `exportState` output holds only live
   * secrets — node and leaf indices inside the tree, every leaf covered once by an unexpanded node or by its
   * ratchets, generations in range with retained ones ascending below the next, and secrets, keys and nonces
   * of the suite's sizes.
   */
  stateMalformed: { id: "SECRET-TREE-6", section: "§9.2" },
} as const;
