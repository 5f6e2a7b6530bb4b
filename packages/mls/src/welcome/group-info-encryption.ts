/**
 * RFC 9420 §12.4.3.1: the GroupInfo travels once per Welcome, AEAD-encrypted under a key and nonce derived
 * from `welcome_secret`, so one ciphertext serves every joiner the Welcome is sealed to.
 */
import { expandWithLabel } from "../crypto/labels.js";
import type { CipherSuite } from "../crypto/provider.js";
import { UsageError } from "../errors.js";
import { wipeBytes } from "../schedule/secret.js";

/**
 * The RFC gives no associated data for this encryption; every implementation uses the empty string, and the
 * welcome secret is unique per epoch, so nothing else needs binding.
 */
const NO_AAD = new Uint8Array(0);

interface WelcomeKey {
  readonly key: Uint8Array;
  readonly nonce: Uint8Array;
}

/**
 * §12.4.3.1: `welcome_nonce = ExpandWithLabel(welcome_secret, "nonce", "", AEAD.Nn)` and
 * `welcome_key = ExpandWithLabel(welcome_secret, "key", "", AEAD.Nk)`.
 */
function welcomeKey(cs: CipherSuite, welcomeSecret: Uint8Array): WelcomeKey {
  if (welcomeSecret.length !== cs.hashLength) {
    throw new UsageError(
      `welcome_secret must be KDF.Nh = ${cs.hashLength} bytes, got ${welcomeSecret.length}`,
    );
  }
  const empty = new Uint8Array(0);
  return {
    key: expandWithLabel(cs, welcomeSecret, "key", empty, cs.aeadKeyLength),
    nonce: expandWithLabel(cs, welcomeSecret, "nonce", empty, cs.aeadNonceLength),
  };
}

/** Sender side: `encrypted_group_info` for a Welcome, from the encoded GroupInfo. */
export function encryptGroupInfo(
  cs: CipherSuite,
  welcomeSecret: Uint8Array,
  groupInfoBytes: Uint8Array,
): Uint8Array {
  const { key, nonce } = welcomeKey(cs, welcomeSecret);
  try {
    return cs.seal(key, nonce, NO_AAD, groupInfoBytes);
  } finally {
    wipeBytes(key, nonce);
  }
}

/** Joiner side: the encoded GroupInfo; throws `CryptoError` when the ciphertext does not authenticate. */
export function decryptGroupInfo(
  cs: CipherSuite,
  welcomeSecret: Uint8Array,
  encryptedGroupInfo: Uint8Array,
): Uint8Array {
  const { key, nonce } = welcomeKey(cs, welcomeSecret);
  try {
    return cs.open(key, nonce, NO_AAD, encryptedGroupInfo);
  } finally {
    wipeBytes(key, nonce);
  }
}
