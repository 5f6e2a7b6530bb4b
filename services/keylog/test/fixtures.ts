import { Writer } from "@parley/codec";
import { encodeLogEntry, SignatureScheme, type KeyBinding } from "../src/entry/index.js";

/** An MLS basic Credential (RFC 9420 §5.3) for `identity`. */
export function basicCredential(identity: string): Uint8Array {
  return new Writer().u16(1).opaque(new TextEncoder().encode(identity)).finish();
}

/** A valid key binding; `n` makes the client id (and so the leaf hash) unique. */
export function sampleBinding(n: number, pad = 0): KeyBinding {
  const identity = `user${n % 1000}@parley.example`;
  const key = new Uint8Array(32);
  new DataView(key.buffer).setUint32(0, n);
  return {
    identity,
    clientId: new TextEncoder().encode(`client-${n}-${"x".repeat(pad)}`),
    signatureScheme: SignatureScheme.ed25519,
    signatureKey: key,
    credential: basicCredential(identity),
    notBefore: 1_700_000_000,
    notAfter: 1_800_000_000,
    issuedAt: 1_700_000_000 + n,
  };
}

/** Encoded key-binding entries, padded so each is exactly `size` bytes when `size` is given. */
export function sampleEntry(n: number, size?: number): Uint8Array {
  const plain = encodeLogEntry({ type: "keyBinding", keyBinding: sampleBinding(n) });
  if (size === undefined || plain.length >= size) return plain;
  // The client id length prefix may grow from 1 to 2 bytes past 63, so search the padding.
  for (let pad = size - plain.length; pad > 0; pad--) {
    const e = encodeLogEntry({ type: "keyBinding", keyBinding: sampleBinding(n, pad) });
    if (e.length === size) return e;
  }
  return plain;
}
