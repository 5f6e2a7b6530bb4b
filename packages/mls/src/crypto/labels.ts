/**
 * The RFC 9420 labelled primitives: every KDF output, signature and HPKE ciphertext in MLS is bound to a
 * "MLS 1.0 "-prefixed label, so a value produced for one purpose can never be accepted for another.
 */
import { Writer } from "@parley/codec";
import { CryptoError } from "../errors.js";
import { labelBytes } from "./bytes.js";
import type { CipherSuite, HpkeCiphertext } from "./provider.js";

const MLS_PREFIX = "MLS 1.0 ";
const EMPTY = new Uint8Array(0);

/** Encoded labels; they are protocol constants, so a small bound covers them and stops unbounded growth. */
const encodedLabels = new Map<string, Uint8Array>();
const MAX_CACHED_LABELS = 64;

function mlsLabel(label: string): Uint8Array {
  const cached = encodedLabels.get(label);
  if (cached !== undefined) return cached;
  const bytes = labelBytes(MLS_PREFIX + label);
  if (encodedLabels.size < MAX_CACHED_LABELS) encodedLabels.set(label, bytes);
  return bytes;
}

/** Two `opaque<V>` fields back to back: the shape of SignContent, EncryptContext and RefHashInput. */
function twoVectors(first: Uint8Array, second: Uint8Array): Uint8Array {
  return new Writer(first.length + second.length + 8).opaque(first).opaque(second).finish();
}

/**
 * RFC 9420 §8: ExpandWithLabel(Secret, Label, Context, Length) = KDF.Expand(Secret, KDFLabel, Length), where
 * KDFLabel = struct { uint16 length; opaque label<V> = "MLS 1.0 " + Label; opaque context<V>; }.
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
  const l = mlsLabel(label);
  const kdfLabel = new Writer(2 + l.length + context.length + 8)
    .u16(length)
    .opaque(l)
    .opaque(context)
    .finish();
  return cs.kdfExpand(secret, kdfLabel, length);
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
  return expandWithLabel(cs, secret, label, new Writer(4).u32(generation).finish(), length);
}

/** RFC 9420 §5.1.2: SignContent = struct { opaque label<V> = "MLS 1.0 " + Label; opaque content<V>; }. */
function signContent(label: string, content: Uint8Array): Uint8Array {
  return twoVectors(mlsLabel(label), content);
}

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
  return cs.verify(publicKey, signContent(label, content), signature);
}

/** RFC 9420 §5.1.3: EncryptContext = struct { opaque label<V> = "MLS 1.0 " + Label; opaque context<V>; }. */
function encryptContext(label: string, context: Uint8Array): Uint8Array {
  return twoVectors(mlsLabel(label), context);
}

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
  return cs.hash(twoVectors(labelBytes(label), value));
}

/** RFC 9420 §5.2: KeyPackageRef over the encoded KeyPackage. */
export function makeKeyPackageRef(cs: CipherSuite, keyPackageBytes: Uint8Array): Uint8Array {
  return refHash(cs, "MLS 1.0 KeyPackage Reference", keyPackageBytes);
}

/** RFC 9420 §5.2: ProposalRef over the encoded AuthenticatedContent carrying the Proposal. */
export function makeProposalRef(cs: CipherSuite, authenticatedContentBytes: Uint8Array): Uint8Array {
  return refHash(cs, "MLS 1.0 Proposal Reference", authenticatedContentBytes);
}
