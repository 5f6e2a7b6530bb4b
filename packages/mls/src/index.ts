export {
  MlsError,
  CryptoError,
  ValidationError,
  UsageError,
  UnsupportedError,
  InternalError,
  CodecError,
} from "./errors.js";
export * from "./crypto/index.js";
export type { VectorOutcome, VectorRunner } from "./vectors/types.js";
export * from "./codec/index.js";
export * as treeMath from "./tree-math/index.js";
export type { LeafIndex, NodeIndex } from "./tree-math/index.js";
export * from "./schedule/index.js";
export * from "./secret-tree/index.js";
export * from "./framing/index.js";
export * as tree from "./tree/index.js";
export * from "./extensions/index.js";
export * from "./credential/index.js";
export * from "./key-package/index.js";
export * from "./welcome/index.js";
export * from "./group/index.js";
