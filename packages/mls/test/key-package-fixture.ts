/**
 * KeyPackages for the key-package tests: a member with a fresh signature key and a basic credential, and
 * `resign`, which changes a KeyPackage and signs it again so that exactly one validation rule is broken.
 */
import type { KeyPackageTBS, LeafNodeData, LeafNodeGroupBinding } from "../src/codec/index.js";
import type { CipherSuite, CryptoProvider, KeyPair } from "../src/crypto/index.js";
import { basicCredential, basicCredentialValidator } from "../src/credential/index.js";
import {
  createKeyPackage,
  decodeUnverifiedKeyPackage,
  signKeyPackage,
  signLeafNode,
} from "../src/key-package/index.js";
import type {
  CreateKeyPackageInput,
  CreatedKeyPackage,
  KeyPackageValidationOptions,
  UnverifiedKeyPackage,
} from "../src/key-package/index.js";

/** The fixed clock of these tests. */
export const NOW = new Date("2025-06-01T12:00:00Z");

export interface Member {
  readonly provider: CryptoProvider;
  readonly cs: CipherSuite;
  readonly signature: KeyPair;
  readonly created: CreatedKeyPackage;
}

export function member(
  provider: CryptoProvider,
  suite: number,
  input: Partial<CreateKeyPackageInput> = {},
): Member {
  const cs = provider.suite(suite);
  const signature = cs.generateSignatureKeyPair();
  const created = createKeyPackage({
    provider,
    cipherSuite: suite,
    credential: basicCredential(new TextEncoder().encode("alice@example.com")),
    signatureKeyPair: signature,
    now: NOW,
    ...input,
  });
  return { provider, cs, signature, created };
}

export function validationOptions(
  m: Member,
  extra: Partial<KeyPackageValidationOptions> = {},
): KeyPackageValidationOptions {
  return { provider: m.provider, validateCredential: basicCredentialValidator(), now: NOW, ...extra };
}

function leafData(m: Member): LeafNodeData {
  const { signature: _signature, ...data } = m.created.keyPackage.leafNode;
  return data;
}

export interface Change {
  readonly leaf?: (leaf: LeafNodeData) => LeafNodeData;
  /** Needed only when `leaf` turns the leaf into an update or commit leaf. */
  readonly group?: LeafNodeGroupBinding;
  readonly tbs?: (tbs: KeyPackageTBS) => KeyPackageTBS;
}

/** The member's KeyPackage with `change` applied, both signatures recomputed, then parsed back from bytes. */
export function resign(m: Member, change: Change): UnverifiedKeyPackage {
  const sk = m.signature.privateKey;
  const data = change.leaf === undefined ? leafData(m) : change.leaf(leafData(m));
  const { signature: _signature, ...kp } = m.created.keyPackage;
  const tbs: KeyPackageTBS = { ...kp, leafNode: signLeafNode(m.cs, sk, data, change.group) };
  const signed = signKeyPackage(m.cs, sk, change.tbs === undefined ? tbs : change.tbs(tbs));
  return decodeUnverifiedKeyPackage(signed.keyPackageBytes);
}

/** A copy of `bytes` with one bit flipped at `index` (negative counts from the end). */
export function flipBit(bytes: Uint8Array, index: number): Uint8Array {
  const out = bytes.slice();
  const at = index < 0 ? out.length + index : index;
  out[at] = (out[at] ?? 0) ^ 0x01;
  return out;
}
