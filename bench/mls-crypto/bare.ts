/**
 * The bare `node:crypto` operations each Parley operation is compared with: the same primitive on
 * pre-imported KeyObjects, with none of the label encoding, key caching or byte conversions Parley adds.
 * Raw public keys cross the boundary as JWK, the fastest route OpenSSL 3 offers (SPKI DER is ~10x slower),
 * so the baseline is the best node:crypto can do, not a strawman.
 */
import {
  createCipheriv,
  createHmac,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";

const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export function ed25519Keys(seed: Uint8Array, publicKey: Uint8Array): { sk: KeyObject; pk: KeyObject } {
  return {
    sk: createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" }),
    pk: createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]),
      format: "der",
      type: "spki",
    }),
  };
}

export const bareSign = (sk: KeyObject, message: Uint8Array) => (): void => void sign(null, message, sk);

export function bareVerify(pk: KeyObject, message: Uint8Array, signature: Uint8Array): () => void {
  return () => {
    if (!verify(null, message, pk, signature)) throw new Error("bare verify failed");
  };
}

function gcmSeal(key: Uint8Array, nonce: Uint8Array, pt: Uint8Array, aad?: Uint8Array): Buffer {
  const c = createCipheriv("aes-128-gcm", key, nonce, { authTagLength: 16 });
  if (aad !== undefined) c.setAAD(aad);
  return Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]);
}

function gcmOpen(key: Uint8Array, nonce: Uint8Array, ct: Buffer, aad?: Uint8Array): Buffer {
  const d = createDecipheriv("aes-128-gcm", key, nonce, { authTagLength: 16 });
  if (aad !== undefined) d.setAAD(aad);
  d.setAuthTag(ct.subarray(ct.length - 16));
  return Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]);
}

/** AES-128-GCM seal then open of `pt` (the suite 1 AEAD). */
export function bareAead(pt: Uint8Array): () => void {
  const key = new Uint8Array(16).fill(1);
  const nonce = new Uint8Array(12).fill(2);
  return () => void gcmOpen(key, nonce, gcmSeal(key, nonce, pt));
}

/**
 * A lower bound that is NOT HPKE-conformant: an ephemeral key pair, its raw public key out and back in (JWK),
 * two X25519 DHs, one HKDF per side for key and nonce, AES-128-GCM seal and open.
 */
export function bareDhHkdfMinimum(
  recipient: { sk: KeyObject; pk: KeyObject },
  pt: Uint8Array,
  info: Uint8Array,
): () => void {
  return () => {
    const eph = generateKeyPairSync("x25519");
    const x = eph.publicKey.export({ format: "jwk" }).x;
    if (x === undefined) throw new Error("no x");
    const enc = Buffer.from(x, "base64url");
    const senderDh = diffieHellman({ privateKey: eph.privateKey, publicKey: recipient.pk });
    const senderKeys = Buffer.from(hkdfSync("sha256", senderDh, enc, info, 28));
    const ct = gcmSeal(senderKeys.subarray(0, 16), senderKeys.subarray(16), pt);
    const pkE = createPublicKey({
      key: { kty: "OKP", crv: "X25519", x: enc.toString("base64url") },
      format: "jwk",
    });
    const receiverDh = diffieHellman({ privateKey: recipient.sk, publicKey: pkE });
    const receiverKeys = Buffer.from(hkdfSync("sha256", receiverDh, enc, info, 28));
    gcmOpen(receiverKeys.subarray(0, 16), receiverKeys.subarray(16), ct);
  };
}

export function x25519Keys(sk: Uint8Array): { sk: KeyObject; pk: KeyObject; raw: Uint8Array } {
  const key = createPrivateKey({
    key: Buffer.concat([Buffer.from("302e020100300506032b656e04220420", "hex"), sk]),
    format: "der",
    type: "pkcs8",
  });
  const pk = createPublicKey(key);
  const x = pk.export({ format: "jwk" }).x;
  if (x === undefined) throw new Error("no x");
  return { sk: key, pk, raw: Buffer.from(x, "base64url") };
}

const utf8 = (s: string): Buffer => Buffer.from(s, "utf8");
const u16 = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);
const EMPTY = Buffer.alloc(0);
const hmac = (key: Uint8Array, ...data: Uint8Array[]): Buffer => {
  const h = createHmac("sha256", key);
  for (const d of data) h.update(d);
  return h.digest();
};

/**
 * Exactly the primitive calls RFC 9180 base-mode SealBase/OpenBase make for DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256, AES-128-GCM, written flat with every constant prefix precomputed: per side one X25519 DH,
 * LabeledExtract/LabeledExpand as six HMAC-SHA256 calls (eae_prk, shared_secret, info_hash, secret, key,
 * base_nonce; psk_id_hash is a per-suite constant), and one AEAD call; the sender also generates the
 * ephemeral key and the receiver imports it. This is what the HPKE code would cost with zero overhead.
 */
export function bareHpkeRfc9180(
  recipient: { sk: KeyObject; pk: KeyObject; raw: Uint8Array },
  pt: Uint8Array,
  info: Uint8Array,
): { seal: () => { enc: Buffer; ct: Buffer }; open: (enc: Buffer, ct: Buffer) => Buffer; run: () => void } {
  const kemSuite = Buffer.concat([utf8("HPKE-v1KEM"), u16(0x0020)]);
  const hpkeSuite = Buffer.concat([utf8("HPKE-v1HPKE"), u16(0x0020), u16(1), u16(1)]);
  const eaePrkPrefix = Buffer.concat([kemSuite, utf8("eae_prk")]);
  const sharedPrefix = Buffer.concat([u16(32), kemSuite, utf8("shared_secret")]);
  const pskIdHash = hmac(EMPTY, hpkeSuite, utf8("psk_id_hash"));
  const infoHashPrefix = Buffer.concat([hpkeSuite, utf8("info_hash")]);
  const secretLabel = Buffer.concat([hpkeSuite, utf8("secret")]);
  const keyPrefix = Buffer.concat([u16(16), hpkeSuite, utf8("key")]);
  const noncePrefix = Buffer.concat([u16(12), hpkeSuite, utf8("base_nonce")]);
  const one = Buffer.from([1]);
  const schedule = (dh: Uint8Array, enc: Uint8Array): { key: Buffer; nonce: Buffer } => {
    const eaePrk = hmac(EMPTY, eaePrkPrefix, dh);
    const shared = hmac(eaePrk, sharedPrefix, enc, recipient.raw, one);
    const context = Buffer.concat([Buffer.from([0]), pskIdHash, hmac(EMPTY, infoHashPrefix, info)]);
    const secret = hmac(shared, secretLabel);
    return {
      key: hmac(secret, keyPrefix, context, one).subarray(0, 16),
      nonce: hmac(secret, noncePrefix, context, one).subarray(0, 12),
    };
  };
  const seal = (): { enc: Buffer; ct: Buffer } => {
    const eph = generateKeyPairSync("x25519");
    const x = eph.publicKey.export({ format: "jwk" }).x;
    if (x === undefined) throw new Error("no x");
    const enc = Buffer.from(x, "base64url");
    const s = schedule(diffieHellman({ privateKey: eph.privateKey, publicKey: recipient.pk }), enc);
    return { enc, ct: gcmSeal(s.key, s.nonce, pt) };
  };
  const open = (enc: Buffer, ct: Buffer): Buffer => {
    const pkE = createPublicKey({
      key: { kty: "OKP", crv: "X25519", x: enc.toString("base64url") },
      format: "jwk",
    });
    const r = schedule(diffieHellman({ privateKey: recipient.sk, publicKey: pkE }), enc);
    return gcmOpen(r.key, r.nonce, ct);
  };
  return {
    seal,
    open,
    run: () => {
      const { enc, ct } = seal();
      open(enc, ct);
    },
  };
}

/** What one PrivateMessage's full path has to pay in primitives, whatever the code around them. */
export interface PrivateMessageFloorInput {
  /** SignContent length: what the sender signs and the receiver verifies. */
  readonly signedLength: number;
  /** PrivateMessageContent length: what the content AEAD seals. */
  readonly plaintextLength: number;
}

/**
 * The primitive floor of RFC 9420 §6.3 protect + unprotect in suite 1 with the signature (§6.1): one Ed25519
 * sign and one verify on pre-imported KeyObjects; AES-128-GCM seal+open of the content and of the 12-byte
 * SenderData; and the ten HMAC-SHA256 calls of the key derivations (per side: the ratchet's key, nonce and
 * next secret, §9.1, and the sender data key and nonce, §6.3.2). No encoding, no checks, no key handling.
 */
export function barePrivateMessageFloor(input: PrivateMessageFloorInput): {
  signVerify: () => void;
  floor: () => void;
} {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const signed = Buffer.alloc(input.signedLength, 3);
  const signature = sign(null, signed, privateKey);
  const signVerify = () => {
    sign(null, signed, privateKey);
    if (!verify(null, signed, publicKey, signature)) throw new Error("bare verify failed");
  };
  const secret = Buffer.alloc(32, 4);
  const kdfLabel = Buffer.alloc(24, 5);
  const aad = Buffer.alloc(24, 6);
  const content = Buffer.alloc(input.plaintextLength, 7);
  const senderData = Buffer.alloc(12, 8);
  const key = Buffer.alloc(16, 1);
  const nonce = Buffer.alloc(12, 2);
  const floor = () => {
    signVerify();
    for (let i = 0; i < 10; i++) createHmac("sha256", secret).update(kdfLabel).digest();
    gcmOpen(key, nonce, gcmSeal(key, nonce, content, aad), aad);
    gcmOpen(key, nonce, gcmSeal(key, nonce, senderData, aad), aad);
  };
  return { signVerify, floor };
}
