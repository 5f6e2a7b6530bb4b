/**
 * RFC 9420 §7.2 LeafNode signatures: `signature = SignWithLabel(., "LeafNodeTBS", LeafNodeTBS)`, where the TBS
 * adds the group binding for update and commit leaves. Usable for any leaf source, not just KeyPackages.
 */
import { leafNodeTbsBytes } from "../codec/index.js";
import type { LeafNode, LeafNodeData, LeafNodeGroupBinding } from "../codec/index.js";
import type { CipherSuite } from "../crypto/provider.js";
import { signWithLabel, verifyWithLabel } from "../crypto/labels.js";
import { CryptoError } from "../errors.js";

const LABEL = "LeafNodeTBS";

export function signLeafNode(
  cs: CipherSuite,
  signaturePrivateKey: Uint8Array,
  leafNode: LeafNodeData,
  group?: LeafNodeGroupBinding,
): LeafNode {
  const signature = signWithLabel(cs, signaturePrivateKey, LABEL, leafNodeTbsBytes(leafNode, group));
  return { ...leafNode, signature };
}

/**
 * Whether `leafNode.signature` verifies under its own `signature_key`. A signature key that is not a valid
 * key of the suite (wrong length or form) makes the leaf invalid, so it yields false rather than an error.
 */
export function verifyLeafNodeSignature(
  cs: CipherSuite,
  leafNode: LeafNode,
  group?: LeafNodeGroupBinding,
): boolean {
  try {
    return verifyWithLabel(
      cs,
      leafNode.signatureKey,
      LABEL,
      leafNodeTbsBytes(leafNode, group),
      leafNode.signature,
    );
  } catch (e) {
    if (e instanceof CryptoError) return false;
    throw e;
  }
}
