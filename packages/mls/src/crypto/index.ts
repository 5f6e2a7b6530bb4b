export type { CryptoProvider, CipherSuite, Hpke, HpkeCiphertext, HpkeExport, KeyPair } from "./provider.js";
export { CipherSuiteId, KemId, KdfId, AeadId, SignatureSchemeId, SUPPORTED_SUITES } from "./algorithms.js";
export {
  expandWithLabel,
  deriveSecret,
  deriveTreeSecret,
  signWithLabel,
  verifyWithLabel,
  encryptWithLabel,
  decryptWithLabel,
  refHash,
  makeKeyPackageRef,
  makeProposalRef,
} from "./labels.js";
export { nodeProvider } from "./node/index.js";
export { nobleProvider } from "./noble/index.js";
export * from "./parallel/index.js";
