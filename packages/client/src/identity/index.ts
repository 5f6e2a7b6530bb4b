/** Client-side identity: enrollment and signed calls, peer credential verification, key monitoring. */
export {
  decodeLoggedEntry,
  type LoggedEntry,
  type LoggedKeyBinding,
  type LoggedRevocation,
} from "./log-entry.js";
export { CheckpointMemory, CheckpointError, type RememberedCheckpoint } from "./checkpoint-memory.js";
export {
  verifyPeerCredential,
  PeerProofError,
  type LogProofBundle,
  type VerifyPeerInput,
  type VerifiedPeer,
} from "./verify-peer.js";
export { enrollRequest, signedHeaders, type ClientKeys, type IdentityProof } from "./auth-requests.js";
export {
  scanBindings,
  readVerifiedLog,
  MonitorError,
  type LogReader,
  type MonitorReport,
  type MonitoredBinding,
} from "./monitor.js";
export { grpcLogReader } from "./grpc-log-reader.js";
