/**
 * The checkpoint signer on node:crypto (OpenSSL) rather than @noble/curves. The sequencer signs
 * one checkpoint per batch, on the event loop that also serves Append; noble's Ed25519 takes
 * ~1 ms per signature there, OpenSSL ~50 µs.
 *
 * Ed25519 is deterministic (RFC 8032 §5.1.6): both libraries must produce the very same bytes,
 * which restart re-signing relies on (a lost checkpoint is re-signed byte-for-byte). The key is
 * parsed and its key ID checked by @parley/tlog, and the two implementations are compared on a
 * probe message before this signer is used.
 */
import { sign } from "node:crypto";
import { bytesEqual } from "@parley/codec";
import { ed25519PrivateKey } from "@parley/kit";
import { decodeBase64, ed25519SignerFromKey, type NoteSigner } from "@parley/tlog";

const PROBE = new TextEncoder().encode("parley keylog signer self-check\n");

/** A signed-note Ed25519 signer for `skey` (`PRIVATE+KEY+<name>+<id>+<key>`) that signs with OpenSSL. */
export function nodeEd25519Signer(skey: string): NoteSigner & { verifierKey: string } {
  const reference = ed25519SignerFromKey(skey);
  // The key field is everything after the fourth `+` (base64 may itself contain `+`).
  const material = decodeBase64(skey.split("+").slice(4).join("+"));
  if (material?.length !== 33) throw new Error("signer key material is not 0x01 || 32-byte seed");
  const key = ed25519PrivateKey(material.subarray(1));
  material.fill(0);
  const signer = {
    name: reference.name,
    keyHash: reference.keyHash,
    verifierKey: reference.verifierKey,
    sign: (message: Uint8Array): Uint8Array => new Uint8Array(sign(null, message, key)),
  };
  const expected = reference.sign(PROBE);
  if (expected instanceof Promise || !bytesEqual(signer.sign(PROBE), expected)) {
    throw new Error("node:crypto and @noble/curves disagree on an Ed25519 signature");
  }
  return signer;
}
