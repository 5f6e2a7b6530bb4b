/**
 * RFC 9420 §7.3 LeafNode validation, the checks that concern one leaf on its own. The checks that compare a
 * leaf with the rest of the group (unique keys, credential types supported by everyone) are tree-wide and
 * live in `tree-validation.ts`; credential validation (§5.3.1) is the application's, through its
 * authentication service.
 */
import { leafNodeTbsBytes } from "../codec/leaf-node-tbs.js";
import { type LeafNode, LeafNodeSource } from "../codec/leaf-node.js";
import type { RequiredCapabilities } from "../codec/required-capabilities.js";
import { verifyWithLabel } from "../crypto/labels.js";
import type { VerifyWithLabelItem } from "../crypto/parallel/batch.js";
import type { CipherSuite } from "../crypto/provider.js";
import { CryptoError } from "../errors.js";
import { TreeRule, violation } from "./rules.js";

/** RFC 9420 §7.2: extension types 1–5 are "default" and never listed in capabilities. */
const DEFAULT_EXTENSION_TYPES = new Set([1, 2, 3, 4, 5]);
/** RFC 9420 §7.2: proposal types 1–7 are "default" and never listed in capabilities. */
const DEFAULT_PROPOSAL_TYPES = new Set([1, 2, 3, 4, 5, 6, 7]);
const MLS10 = 1;

/** Where a LeafNode is being validated. */
export interface LeafValidationContext {
  readonly groupId: Uint8Array;
  /** The leaf's position, signed into update and commit leaves (§7.2 LeafNodeTBS). */
  readonly leafIndex: number;
  /** The source the leaf must have where it appears (§7.3); omitted for leaves taken from a tree. */
  readonly expectedSource?: LeafNodeSource | undefined;
  /** Seconds since the Unix epoch; when given, key_package leaves must be within their lifetime. */
  readonly now?: bigint | undefined;
  readonly requiredCapabilities?: RequiredCapabilities | undefined;
  /**
   * Also require the group's cipher suite in `capabilities.cipher_suites`. §7.2 says clients list all they
   * support, but §7.3 does not make it a check and deployed trees (the interop vectors among them) omit
   * it, so it is opt-in — e.g. for KeyPackages being added.
   */
  readonly requireSuiteCapability?: boolean | undefined;
}

function sourceName(source: LeafNodeSource): string {
  switch (source) {
    case LeafNodeSource.keyPackage:
      return "key_package";
    case LeafNodeSource.update:
      return "update";
    case LeafNodeSource.commit:
      return "commit";
  }
}

/** The VerifyWithLabel inputs of a leaf's signature (§7.2): group and position bound unless key_package. */
export function leafSignatureItem(
  leaf: LeafNode,
  ctx: { readonly groupId: Uint8Array; readonly leafIndex: number },
): VerifyWithLabelItem {
  const group =
    leaf.leafNodeSource === LeafNodeSource.keyPackage
      ? undefined
      : { groupId: ctx.groupId, leafIndex: ctx.leafIndex };
  const content = leafNodeTbsBytes(leaf, group);
  return { publicKey: leaf.signatureKey, label: "LeafNodeTBS", content, signature: leaf.signature };
}

/** §7.3: the signature over LeafNodeTBS, bound to group and position unless the leaf is a key_package one. */
export function verifyLeafSignature(cs: CipherSuite, leaf: LeafNode, ctx: LeafValidationContext): void {
  const item = leafSignatureItem(leaf, ctx);
  let ok: boolean;
  try {
    ok = verifyWithLabel(cs, item.publicKey, item.label, item.content, item.signature);
  } catch (e) {
    if (!(e instanceof CryptoError)) throw e;
    throw violation(TreeRule.leafSignature, `leaf ${ctx.leafIndex} has an unusable signature key`, {
      cause: e,
    });
  }
  if (!ok) throw violation(TreeRule.leafSignature, `the signature of leaf ${ctx.leafIndex} does not verify`);
}

function checkCapabilities(cs: CipherSuite, leaf: LeafNode, ctx: LeafValidationContext): void {
  const caps = leaf.capabilities;
  const at = `leaf ${ctx.leafIndex}`;
  if (!caps.versions.includes(MLS10)) {
    throw violation(TreeRule.leafGroupCapability, `${at} does not list protocol version mls10`);
  }
  if (ctx.requireSuiteCapability === true && !caps.cipherSuites.includes(cs.id)) {
    throw violation(TreeRule.leafGroupCapability, `${at} does not list cipher suite ${cs.id}`);
  }
  if (!caps.credentials.includes(leaf.credential.credentialType)) {
    const type = leaf.credential.credentialType;
    throw violation(TreeRule.leafCredentialCapability, `${at} does not list its own credential type ${type}`);
  }
  for (const ext of leaf.extensions) {
    if (!DEFAULT_EXTENSION_TYPES.has(ext.extensionType) && !caps.extensions.includes(ext.extensionType)) {
      throw violation(TreeRule.leafExtensionCapability, `${at} uses unlisted extension ${ext.extensionType}`);
    }
  }
  const req = ctx.requiredCapabilities;
  if (req === undefined) return;
  const missing =
    req.extensionTypes.find((t) => !DEFAULT_EXTENSION_TYPES.has(t) && !caps.extensions.includes(t)) ??
    req.proposalTypes.find((t) => !DEFAULT_PROPOSAL_TYPES.has(t) && !caps.proposals.includes(t)) ??
    req.credentialTypes.find((t) => !caps.credentials.includes(t));
  if (missing !== undefined) {
    throw violation(TreeRule.leafRequiredCapabilities, `${at} lacks required capability ${missing}`);
  }
}

/**
 * RFC 9420 §7.3, per-leaf checks: signature, capabilities (group suite and version, own credential type,
 * own extensions, required_capabilities), lifetime when a time is given, and the expected source.
 */
export function validateLeafNode(cs: CipherSuite, leaf: LeafNode, ctx: LeafValidationContext): void {
  const at = `leaf ${ctx.leafIndex}`;
  if (ctx.expectedSource !== undefined && leaf.leafNodeSource !== ctx.expectedSource) {
    const want = sourceName(ctx.expectedSource);
    throw violation(TreeRule.leafSource, `${at} has source ${sourceName(leaf.leafNodeSource)}, not ${want}`);
  }
  checkCapabilities(cs, leaf, ctx);
  if (leaf.leafNodeSource === LeafNodeSource.keyPackage && ctx.now !== undefined) {
    const { notBefore, notAfter } = leaf.lifetime;
    if (ctx.now < notBefore || ctx.now > notAfter) {
      throw violation(TreeRule.leafLifetime, `${at} is outside its lifetime ${notBefore}..${notAfter}`);
    }
  }
  verifyLeafSignature(cs, leaf, ctx);
}
