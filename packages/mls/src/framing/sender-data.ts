/**
 * RFC 9420 §6.3.2 "Sender Data Encryption": who sent a PrivateMessage (leaf, generation, reuse guard) is
 * itself encrypted, under a key bound to both `sender_data_secret` and a sample of the content ciphertext.
 */
import { Writer, decode } from "@parley/codec";
import type { CipherSuite } from "../crypto/provider.js";
import { expandWithLabel } from "../crypto/labels.js";
import { decodeSenderData, encodeSenderData, encodeSenderDataAAD } from "../codec/index.js";
import type { PrivateMessage, SenderData, SenderDataAAD } from "../codec/index.js";
import { CryptoError } from "../errors.js";
import { wipeBytes } from "../schedule/secret.js";

/** The AEAD key and nonce of one message's sender data. */
export interface SenderDataKey {
  readonly key: Uint8Array;
  readonly nonce: Uint8Array;
}

/**
 * §6.3.2: `ciphertext_sample = ciphertext[0..KDF.Nh-1]` (the whole ciphertext if shorter);
 * `sender_data_key = ExpandWithLabel(sender_data_secret, "key", ciphertext_sample, AEAD.Nk)`, nonce likewise.
 */
export function deriveSenderDataKey(
  cs: CipherSuite,
  senderDataSecret: Uint8Array,
  ciphertext: Uint8Array,
): SenderDataKey {
  const sample = ciphertext.subarray(0, Math.min(cs.hashLength, ciphertext.length));
  return {
    key: expandWithLabel(cs, senderDataSecret, "key", sample, cs.aeadKeyLength),
    nonce: expandWithLabel(cs, senderDataSecret, "nonce", sample, cs.aeadNonceLength),
  };
}

/** §6.3.2 SenderDataAAD: the PrivateMessage's group_id, epoch and content_type. */
function senderDataAad(m: SenderDataAAD): Uint8Array {
  const w = new Writer(m.groupId.length + 16);
  encodeSenderDataAAD(w, { groupId: m.groupId, epoch: m.epoch, contentType: m.contentType });
  return w.finish();
}

/** §6.3.2: seals SenderData with SenderDataAAD (the PrivateMessage's first three fields) as AAD. */
export function encryptSenderData(
  cs: CipherSuite,
  senderDataSecret: Uint8Array,
  aad: SenderDataAAD,
  senderData: SenderData,
  contentCiphertext: Uint8Array,
): Uint8Array {
  const { key, nonce } = deriveSenderDataKey(cs, senderDataSecret, contentCiphertext);
  const plaintext = new Writer(12);
  encodeSenderData(plaintext, senderData);
  const sealed = cs.seal(key, nonce, senderDataAad(aad), plaintext.finish());
  wipeBytes(key, nonce);
  return sealed;
}

/** Opens a PrivateMessage's `encrypted_sender_data`; a forgery or wrong epoch key is a `CryptoError`. */
export function decryptSenderData(
  cs: CipherSuite,
  senderDataSecret: Uint8Array,
  message: PrivateMessage,
): SenderData {
  const { key, nonce } = deriveSenderDataKey(cs, senderDataSecret, message.ciphertext);
  const aad = senderDataAad(message);
  let plaintext: Uint8Array;
  try {
    plaintext = cs.open(key, nonce, aad, message.encryptedSenderData);
  } catch (err) {
    throw new CryptoError("the PrivateMessage sender data does not decrypt (RFC 9420 §6.3.2)", {
      cause: err,
    });
  } finally {
    wipeBytes(key, nonce);
  }
  return decode(plaintext, (r) => decodeSenderData(r), "SenderData");
}
