import { decode, encode, type Reader, type Writer } from "@parley/codec";
import { EntryFormatError } from "./errors.js";
import { readKeyBinding, writeKeyBinding, type KeyBinding } from "./key-binding.js";
import { readRevocation, writeRevocation, type Revocation } from "./revocation.js";

/** Only version 1 exists; a decoder must refuse versions it does not know rather than guess. */
export const LOG_ENTRY_VERSION = 1;

const TYPE_KEY_BINDING = 1;
const TYPE_REVOCATION = 2;

/**
 * The leaf data of the key-transparency log: the exact bytes hashed by RFC 6962 §2.1
 * (leaf hash = SHA-256(0x00 || LogEntry)).
 *
 * ```
 * enum { key_binding(1), revocation(2), (255) } LogEntryType;
 * struct {
 *   uint16 version;               // 1
 *   LogEntryType entry_type;      // uint8
 *   select (entry_type) {
 *     case key_binding: KeyBinding;
 *     case revocation:  Revocation;
 *   };
 * } LogEntry;
 * ```
 */
export type LogEntry =
  | { readonly type: "keyBinding"; readonly keyBinding: KeyBinding }
  | { readonly type: "revocation"; readonly revocation: Revocation };

export function writeLogEntry(w: Writer, e: LogEntry): void {
  w.u16(LOG_ENTRY_VERSION);
  switch (e.type) {
    case "keyBinding":
      w.u8(TYPE_KEY_BINDING);
      writeKeyBinding(w, e.keyBinding);
      return;
    case "revocation":
      w.u8(TYPE_REVOCATION);
      writeRevocation(w, e.revocation);
      return;
  }
}

export function readLogEntry(r: Reader): LogEntry {
  const version = r.u16("log_entry.version");
  if (version !== LOG_ENTRY_VERSION) {
    throw new EntryFormatError("unknown-version", `log_entry.version ${version} is not ${LOG_ENTRY_VERSION}`);
  }
  const type = r.u8("log_entry.entry_type");
  if (type === TYPE_KEY_BINDING) return { type: "keyBinding", keyBinding: readKeyBinding(r) };
  if (type === TYPE_REVOCATION) return { type: "revocation", revocation: readRevocation(r) };
  throw new EntryFormatError(
    "unknown-type",
    `log_entry.entry_type ${type} is not key_binding(1) or revocation(2)`,
  );
}

/** Canonical encoding: validates first, so only decodable entries are ever produced. */
export function encodeLogEntry(e: LogEntry): Uint8Array {
  return encode(e, writeLogEntry);
}

/** Strict decoding: unknown version/type, non-minimal varints and trailing bytes are refused. */
export function decodeLogEntry(bytes: Uint8Array): LogEntry {
  return decode(bytes, readLogEntry, "log_entry");
}
