import type { Reader, Writer } from "@parley/codec";
import { EntryFormatError } from "./errors.js";
import {
  checkClientId,
  checkCredential,
  checkSafeUint,
  identityBytes,
  readIdentity,
  readSafeUint,
} from "./fields.js";
import { checkSignatureKey, type SignatureScheme } from "./signature-scheme.js";

/**
 * A key binding the Authentication Service issues: "this client of this identity signs with this
 * key, under this credential, during [not_before, not_after)".
 *
 * ```
 * struct {
 *   opaque identity<V>;            // UTF-8, non-empty
 *   opaque client_id<V>;           // non-empty
 *   SignatureScheme signature_scheme;  // uint16, RFC 9420 §17.1
 *   opaque signature_key<V>;       // RFC 9420 §5.1.1 SignaturePublicKey
 *   opaque credential<V>;          // RFC 9420 §5.3 Credential, as issued
 *   uint64 not_before;             // seconds since the epoch
 *   uint64 not_after;              // not_before < not_after
 *   uint64 issued_at;
 * } KeyBinding;
 * ```
 */
export interface KeyBinding {
  readonly identity: string;
  readonly clientId: Uint8Array;
  readonly signatureScheme: SignatureScheme;
  readonly signatureKey: Uint8Array;
  readonly credential: Uint8Array;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly issuedAt: number;
}

/** Every rule the decoder enforces, so encoding can never produce bytes decoding would refuse. */
export function validateKeyBinding(b: KeyBinding): void {
  identityBytes(b.identity);
  checkFields(b);
}

/**
 * The rules besides the identity's. Decoding checks the identity as it reads it (non-empty,
 * strict UTF-8), and a string decoded from valid UTF-8 cannot hold an unpaired surrogate, so the
 * read path skips re-encoding it: Append validates every entry on the event loop.
 */
function checkFields(b: KeyBinding): void {
  checkClientId(b.clientId, "key_binding.client_id");
  checkSignatureKey(b.signatureScheme, b.signatureKey);
  checkCredential(b.credential);
  checkSafeUint(b.notBefore, "key_binding.not_before");
  checkSafeUint(b.notAfter, "key_binding.not_after");
  checkSafeUint(b.issuedAt, "key_binding.issued_at");
  if (b.notBefore >= b.notAfter) {
    throw new EntryFormatError(
      "validity-interval",
      `key_binding.not_before (${b.notBefore}) must be before not_after (${b.notAfter})`,
    );
  }
}

export function writeKeyBinding(w: Writer, b: KeyBinding): void {
  validateKeyBinding(b);
  w.opaque(identityBytes(b.identity))
    .opaque(b.clientId)
    .u16(b.signatureScheme)
    .opaque(b.signatureKey)
    .opaque(b.credential)
    .u64(BigInt(b.notBefore))
    .u64(BigInt(b.notAfter))
    .u64(BigInt(b.issuedAt));
}

export function readKeyBinding(r: Reader): KeyBinding {
  const identity = readIdentity(r, "key_binding.identity");
  const clientId = r.opaque("key_binding.client_id");
  const signatureScheme = r.u16("key_binding.signature_scheme");
  const signatureKey = r.opaque("key_binding.signature_key");
  const credential = r.opaque("key_binding.credential");
  const notBefore = readSafeUint(r, "key_binding.not_before");
  const notAfter = readSafeUint(r, "key_binding.not_after");
  const issuedAt = readSafeUint(r, "key_binding.issued_at");
  checkSignatureKey(signatureScheme, signatureKey);
  const binding: KeyBinding = {
    identity,
    clientId,
    signatureScheme,
    signatureKey,
    credential,
    notBefore,
    notAfter,
    issuedAt,
  };
  checkFields(binding);
  return binding;
}
