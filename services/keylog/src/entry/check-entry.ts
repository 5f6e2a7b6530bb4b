/**
 * Validation of an encoded LogEntry in place, for Append's hot path: the same rules, in the same
 * order and with the same errors as `decodeLogEntry` (log-entry.ts, key-binding.ts,
 * revocation.ts), but without copying the entry or building the decoded value. The two are kept
 * equal by a differential test over valid entries and their mutations
 * (test/entry-format.test.ts); any rule added to the decoder must be added here.
 */
import { type Span, EntryCursor } from "./entry-cursor.js";
import { EntryFormatError } from "./errors.js";
import { checkSignatureKey } from "./signature-scheme.js";

const LOG_ENTRY_VERSION = 1;
const TYPE_KEY_BINDING = 1;
const TYPE_REVOCATION = 2;
const REF_LEAF_INDEX = 1;
const REF_LEAF_HASH = 2;
const LEAF_HASH_SIZE = 32;
const REASON_MAX = 4;
const CREDENTIAL_BASIC = 1;
const CREDENTIAL_X509 = 2;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Throws EntryFormatError or CodecError exactly when `decodeLogEntry(bytes)` would. */
export function checkLogEntry(bytes: Uint8Array): void {
  const c = new EntryCursor(bytes);
  const version = c.u16("log_entry.version");
  if (version !== LOG_ENTRY_VERSION) {
    throw new EntryFormatError("unknown-version", `log_entry.version ${version} is not ${LOG_ENTRY_VERSION}`);
  }
  const type = c.u8("log_entry.entry_type");
  if (type === TYPE_KEY_BINDING) checkKeyBinding(c);
  else if (type === TYPE_REVOCATION) checkRevocation(c);
  else {
    throw new EntryFormatError(
      "unknown-type",
      `log_entry.entry_type ${type} is not key_binding(1) or revocation(2)`,
    );
  }
  c.done("log_entry");
}

/** Non-empty, strict UTF-8: ASCII (almost every identity) is checked byte by byte. */
function checkIdentity(c: EntryCursor, field: string): void {
  const span = c.opaque(field);
  if (span.end === span.start) throw new EntryFormatError("empty-identity", `${field} must not be empty`);
  for (let at = span.start; at < span.end; at++) {
    if (c.byteAt(at) >= 0x80) {
      try {
        utf8.decode(c.view(span));
      } catch (cause) {
        throw new EntryFormatError("identity-not-utf8", `${field} is not valid UTF-8: ${String(cause)}`);
      }
      return;
    }
  }
}

/** KeyBinding (key-binding.ts): every field is read before the cross-field checks run. */
function checkKeyBinding(c: EntryCursor): void {
  checkIdentity(c, "key_binding.identity");
  const clientId = c.opaque("key_binding.client_id");
  const scheme = c.u16("key_binding.signature_scheme");
  const key = c.opaque("key_binding.signature_key");
  const credential = c.opaque("key_binding.credential");
  const notBefore = c.safeU64("key_binding.not_before");
  const notAfter = c.safeU64("key_binding.not_after");
  c.safeU64("key_binding.issued_at");
  checkSignatureKey(scheme, c.view(key));
  if (clientId.end === clientId.start) {
    throw new EntryFormatError("empty-client-id", "key_binding.client_id must not be empty");
  }
  checkCredential(c.sub(credential));
  if (notBefore >= notAfter) {
    throw new EntryFormatError(
      "validity-interval",
      `key_binding.not_before (${notBefore}) must be before not_after (${notAfter})`,
    );
  }
}

/** Revocation (revocation.ts). */
function checkRevocation(c: EntryCursor): void {
  checkIdentity(c, "revocation.identity");
  const clientId = c.opaque("revocation.client_id");
  const refType = c.u8("revocation.ref_type");
  if (refType === REF_LEAF_INDEX) c.safeU64("revocation.leaf_index");
  else if (refType === REF_LEAF_HASH) c.fixed(LEAF_HASH_SIZE, "revocation.leaf_hash");
  else throw new EntryFormatError("unknown-revoked-ref", `revocation.ref_type ${refType} is not 1 or 2`);
  c.safeU64("revocation.revoked_at");
  const reason = c.u8("revocation.reason");
  if (reason > REASON_MAX) {
    throw new EntryFormatError("unknown-revocation-reason", `revocation.reason ${reason} is not defined`);
  }
  if (clientId.end === clientId.start) {
    throw new EntryFormatError("empty-client-id", "revocation.client_id must not be empty");
  }
}

/**
 * RFC 9420 §5.3 Credential, as fields.ts checkCredential: basic with a non-empty identity, or x509
 * with at least one certificate and none empty, nothing trailing. Every failure inside it,
 * codec failures included, is `credential-malformed`.
 */
function checkCredential(c: EntryCursor): void {
  try {
    checkCredentialShape(c);
  } catch (cause) {
    if (cause instanceof EntryFormatError) throw cause;
    throw new EntryFormatError(
      "credential-malformed",
      `credential is not an MLS Credential: ${String(cause)}`,
    );
  }
}

function checkCredentialShape(c: EntryCursor): void {
  const type = c.u16("credential.credential_type");
  if (type === CREDENTIAL_BASIC) {
    const identity = c.opaque("credential.identity");
    if (identity.end === identity.start) {
      throw new EntryFormatError("credential-malformed", "basic credential identity is empty");
    }
  } else if (type === CREDENTIAL_X509) {
    checkCertificates(c.sub(c.opaque("credential.certificates")));
  } else {
    throw new EntryFormatError("credential-malformed", `credential_type ${type} is not basic(1) or x509(2)`);
  }
  c.done("credential");
}

/** `opaque cert_data<V>` items filling the vector exactly; at least one, none empty. */
function checkCertificates(v: EntryCursor): void {
  let count = 0;
  let anyEmpty = false;
  while (v.remaining > 0) {
    const cert: Span = v.opaque("credential.certificates.cert_data");
    if (cert.end === cert.start) anyEmpty = true;
    count++;
  }
  if (count === 0 || anyEmpty) {
    throw new EntryFormatError("credential-malformed", "x509 credential needs non-empty certificates");
  }
}
