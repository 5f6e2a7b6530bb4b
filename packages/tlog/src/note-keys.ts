/**
 * c2sp.org/signed-note Ed25519 signer keys and verifier keys ("vkeys").
 * Secret key text never appears in an error message.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { concatBytes } from "@parley/codec";
import { decodeBase64, encodeBase64 } from "./base64.js";
import { cosignatureV1Verifier } from "./cosignature.js";
import { NoteError } from "./errors.js";
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  type NoteSigner,
  type NoteVerifier,
  assertKeyName,
  ed25519Verify,
  formatVerifierKey,
  hex8,
  keyIdFor,
} from "./key-id.js";

/** Splits at the first `count - 1` plus signs: the trailing base64 field may itself contain `+`. */
function splitKey(text: string, count: number): string[] {
  const parts = text.split("+");
  if (parts.length < count) return parts;
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join("+")];
}

/** A fresh Ed25519 signer key: `PRIVATE+KEY+<name>+<hex key ID>+base64(0x01 || seed)`. */
export function generateEd25519SignerKey(name: string): string {
  assertKeyName(name);
  const seed = ed25519.utils.randomSecretKey();
  const id = keyIdFor(name, SIGNATURE_TYPE_ED25519, ed25519.getPublicKey(seed));
  const text = `PRIVATE+KEY+${name}+${hex8(id)}+${encodeBase64(concatBytes(Uint8Array.of(SIGNATURE_TYPE_ED25519), seed))}`;
  seed.fill(0);
  return text;
}

/** Parses a signer key; the result also carries the matching vkey text for publication. */
export function ed25519SignerFromKey(skey: string): NoteSigner & { verifierKey: string } {
  const parts = splitKey(skey, 5);
  if (parts.length !== 5 || parts[0] !== "PRIVATE" || parts[1] !== "KEY") {
    throw new NoteError("signer key must have the form PRIVATE+KEY+<name>+<key id>+<key>");
  }
  const [, , name = "", idHex = "", keyText = ""] = parts;
  assertKeyName(name);
  const material = decodeBase64(keyText);
  if (material?.length !== 33 || material[0] !== SIGNATURE_TYPE_ED25519) {
    throw new NoteError(`signer key for ${name} is not an Ed25519 key (type 0x01 and a 32-byte seed)`);
  }
  const seed = material.slice(1);
  material.fill(0);
  const publicKey = ed25519.getPublicKey(seed);
  const keyHash = keyIdFor(name, SIGNATURE_TYPE_ED25519, publicKey);
  if (idHex !== hex8(keyHash))
    throw new NoteError(`signer key for ${name} has key ID ${idHex}, but its key hashes to ${hex8(keyHash)}`);
  return {
    name,
    keyHash,
    verifierKey: formatVerifierKey(name, SIGNATURE_TYPE_ED25519, publicKey),
    sign: (message: Uint8Array) => ed25519.sign(message, seed),
  };
}

/** Parses a vkey of type 0x01 (Ed25519 note signatures) or 0x04 (tlog-cosignature Ed25519 v1). */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const parts = splitKey(vkey, 3);
  if (parts.length !== 3)
    throw new NoteError(`verifier key ${JSON.stringify(vkey)} must have the form <name>+<key id>+<key>`);
  const [name = "", idHex = "", keyText = ""] = parts;
  assertKeyName(name);
  if (!/^[0-9a-f]{8}$/.test(idHex))
    throw new NoteError(
      `verifier key ${name}: key ID ${JSON.stringify(idHex)} is not 8 lowercase hex digits`,
    );
  const material = decodeBase64(keyText);
  if (material === undefined || material.length < 1)
    throw new NoteError(`verifier key ${name}: key is not valid base64`);
  const type = material[0] ?? 0;
  const publicKey = material.slice(1);
  if (type !== SIGNATURE_TYPE_ED25519 && type !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    throw new NoteError(
      `verifier key ${name}: unsupported signature type 0x${type.toString(16).padStart(2, "0")}`,
    );
  }
  if (publicKey.length !== 32)
    throw new NoteError(
      `verifier key ${name}: Ed25519 public key has ${publicKey.length} bytes, expected 32`,
    );
  const keyHash = keyIdFor(name, type, publicKey);
  if (idHex !== hex8(keyHash))
    throw new NoteError(`verifier key ${name}: key ID ${idHex} does not match the key (${hex8(keyHash)})`);
  if (type === SIGNATURE_TYPE_COSIGNATURE_V1) return cosignatureV1Verifier(name, keyHash, publicKey);
  return { name, keyHash, verify: (message, signature) => ed25519Verify(publicKey, message, signature) };
}
