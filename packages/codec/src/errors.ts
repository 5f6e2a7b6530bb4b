/** A decoding failure: names the field being read and the byte offset where it went wrong. */
export class CodecError extends Error {
  override readonly name = "CodecError";
  constructor(
    message: string,
    /** Dotted path of the field being decoded, e.g. `KeyPackage.leaf_node.encryption_key`. */
    readonly field: string,
    /** Byte offset into the outermost buffer. */
    readonly offset: number,
  ) {
    super(`${message} (field ${field} at byte ${offset})`);
  }
}
