/**
 * The RFC 9420 labelled primitives: every KDF output, signature and HPKE ciphertext in MLS is bound to a
 * "MLS 1.0 "-prefixed label, so a value produced for one purpose can never be accepted for another.
 */
import { CryptoError } from "../errors.js";
import { checkedVerdict } from "./parallel/checked-signatures.js";
import { kdfLabel, mlsLabelledContent, refHashInput } from "./label-encoding.js";
import type { CipherSuite, HpkeCiphertext } from "./provider.js";

const EMPTY = new Uint8Array(0);

/**
 * RFC 9420 §8: ExpandWithLabel(Secret, Label, Context, Length) = KDF.Expand(Secret, KDFLabel, Length), where
 * KDFLabel = struct { uint16 length; opaque label<V> = "MLS 1.0 " + Label; opaque context<V>; }.
 *
 * Every MLS suite's KDF is HKDF over the suite hash and its MAC is HMAC over the same hash (§17.1), and for
 * Length <= Nh HKDF-Expand is the single block T(1) = HMAC(PRK, info || 0x01) truncated (RFC 5869 §2.3). All
 * of MLS's own expansions are that short, so they are computed as one MAC over a KDFLabel encoded with the
 * counter byte already in place: no intermediate copies on the path every message key takes.
 */
export function expandWithLabel(
  cs: CipherSuite,
  secret: Uint8Array,
  label: string,
  context: Uint8Array,
  length: number,
): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 0xffff) {
    throw new CryptoError(`ExpandWithLabel length must fit in uint16, got ${length}`);
  }
  if (length > cs.hashLength) return cs.kdfExpand(secret, kdfLabel(label, context, length), length);
  // RFC 5869 §2.3 takes a PRK of at least HashLen bytes (the multi-block path checks this in kdfExpand).
  if (secret.length < cs.hashLength) {
    throw new CryptoError(`ExpandWithLabel secret must be at least ${cs.hashLength} bytes`);
  }
  const block = kdfLabel(label, context, length, 1);
  block[block.length - 1] = 0x01;
  const t = cs.mac(secret, block);
  if (length === t.length) return t;
  // The unused tail of T(1) is key material too: zero it so wiping the returned view wipes everything.
  t.fill(0, length);
  return t.subarray(0, length);
}

/** RFC 9420 §8: DeriveSecret(Secret, Label) = ExpandWithLabel(Secret, Label, "", KDF.Nh). */
export function deriveSecret(cs: CipherSuite, secret: Uint8Array, label: string): Uint8Array {
  return expandWithLabel(cs, secret, label, EMPTY, cs.hashLength);
}

/** RFC 9420 §9.1: DeriveTreeSecret = ExpandWithLabel(Secret, Label, Generation as big-endian uint32, Length). */
export function deriveTreeSecret(
  cs: CipherSuite,
  secret: Uint8Array,
  label: string,
  generation: number,
  length: number,
): Uint8Array {
  if (!Number.isInteger(generation) || generation < 0 || generation > 0xffffffff) {
    throw new CryptoError(`DeriveTreeSecret generation must be a uint32, got ${generation}`);
  }
  const context = Uint8Array.of(
    generation >>> 24,
    (generation >>> 16) & 0xff,
    (generation >>> 8) & 0xff,
    generation & 0xff,
  );
  return expandWithLabel(cs, secret, label, context, length);
}

/** RFC 9420 §5.1.2: SignContent = struct { opaque label<V> = "MLS 1.0 " + Label; opaque content<V>; }. */
const signContent = mlsLabelledContent;

/** RFC 9420 §5.1.2 SignWithLabel. */
export function signWithLabel(
  cs: CipherSuite,
  privateKey: Uint8Array,
  label: string,
  content: Uint8Array,
): Uint8Array {
  return cs.sign(privateKey, signContent(label, content));
}

/** RFC 9420 §5.1.2 VerifyWithLabel: false when the signature does not verify over this label and content. */
export function verifyWithLabel(
  cs: CipherSuite,
  publicKey: Uint8Array,
  label: string,
  content: Uint8Array,
  signature: Uint8Array,
): boolean {
  // A verdict computed ahead on another core for exactly these inputs (parallel/checked-signatures.ts).
  const known = checkedVerdict(cs, publicKey, label, content, signature);
  if (known !== undefined) return known;
  return cs.verify(publicKey, signContent(label, content), signature);
}

/** RFC 9420 §5.1.3: EncryptContext = struct { opaque label<V> = "MLS 1.0 " + Label; opaque context<V>; }. */
const encryptContext = mlsLabelledContent;

/** RFC 9420 §5.1.3 EncryptWithLabel = SealBase(PublicKey, EncryptContext, "", Plaintext). */
export function encryptWithLabel(
  cs: CipherSuite,
  publicKey: Uint8Array,
  label: string,
  context: Uint8Array,
  plaintext: Uint8Array,
): HpkeCiphertext {
  return cs.hpke.seal(publicKey, encryptContext(label, context), EMPTY, plaintext);
}

/** RFC 9420 §5.1.3 DecryptWithLabel = OpenBase(KEMOutput, PrivateKey, EncryptContext, "", Ciphertext). */
export function decryptWithLabel(
  cs: CipherSuite,
  privateKey: Uint8Array,
  label: string,
  context: Uint8Array,
  kemOutput: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  return cs.hpke.open(privateKey, kemOutput, encryptContext(label, context), EMPTY, ciphertext);
}

/** RFC 9420 §5.2: RefHash(label, value) = Hash(RefHashInput{ label<V>, value<V> }); the label is used as given. */
export function refHash(cs: CipherSuite, label: string, value: Uint8Array): Uint8Array {
  return cs.hash(refHashInput(label, value));
}

/** RFC 9420 §5.2: KeyPackageRef over the encoded KeyPackage. */
export function makeKeyPackageRef(cs: CipherSuite, keyPackageBytes: Uint8Array): Uint8Array {
  return refHash(cs, "MLS 1.0 KeyPackage Reference", keyPackageBytes);
}

/** RFC 9420 §5.2: ProposalRef over the encoded AuthenticatedContent carrying the Proposal. */
export function makeProposalRef(cs: CipherSuite, authenticatedContentBytes: Uint8Array): Uint8Array {
  return refHash(cs, "MLS 1.0 Proposal Reference", authenticatedContentBytes);
}
