/** RFC 9420 §8: key schedule, PSKs, exporter, transcript hashes, resumption PSKs, external key pair. */
export { Secret, wipeBytes } from "./secret.js";
export { EpochSecrets } from "./epoch-secrets.js";
export {
  zeroSecret,
  groupContextBytes,
  deriveJoinerSecret,
  deriveWelcomeSecret,
  deriveEpochSecrets,
  runKeySchedule,
  type KeyScheduleInput,
  type KeyScheduleOutput,
} from "./key-schedule.js";
export { computePskSecret, type PskWithId } from "./psk-secret.js";
export { mlsExporter } from "./exporter.js";
export {
  deriveExternalKeyPair,
  createExternalInit,
  receiveExternalInit,
  type ExternalInitOutput,
} from "./external-init.js";
export {
  computeConfirmedTranscriptHash,
  computeInterimTranscriptHash,
  nextTranscriptHashes,
  initialTranscriptHashes,
  type TranscriptHashes,
} from "./transcript-hashes.js";
export { ResumptionPskStore, DEFAULT_RESUMPTION_PSK_EPOCHS } from "./resumption-psk-store.js";
