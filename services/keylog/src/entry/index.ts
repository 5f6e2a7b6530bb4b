export { EntryFormatError, type EntryRule } from "./errors.js";
export { SignatureScheme, checkSignatureKey } from "./signature-scheme.js";
export { type KeyBinding, validateKeyBinding } from "./key-binding.js";
export { type Revocation, type RevokedRef, RevocationReason, validateRevocation } from "./revocation.js";
export { type LogEntry, LOG_ENTRY_VERSION, encodeLogEntry, decodeLogEntry } from "./log-entry.js";
export { checkLogEntry } from "./check-entry.js";
