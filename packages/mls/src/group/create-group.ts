/**
 * RFC 9420 §11 "Group Creation": a one-member group at epoch 0 whose tree holds the creator's leaf, with an empty
 * confirmed transcript hash and a fresh random epoch secret; the interim transcript hash comes from the
 * confirmation tag over that empty hash.
 */
import type { Credential, Extension } from "../codec/index.js";
import type { KeyPair } from "../crypto/provider.js";
import { checkExtensionList, checkGroupContextExtensionsSupported } from "../extensions/index.js";
import { computeConfirmationTag } from "../framing/tags.js";
import type { CapabilitiesOptions } from "../key-package/capabilities.js";
import { createKeyPackage } from "../key-package/create-key-package.js";
import { EpochSecrets } from "../schedule/epoch-secrets.js";
import { wipeBytes } from "../schedule/secret.js";
import { computeInterimTranscriptHash } from "../schedule/transcript-hashes.js";
import { toLeafIndex } from "../tree-math/index.js";
import type { NodeIndex } from "../tree-math/index.js";
import { TreePrivateKeys } from "../tree/private-keys.js";
import { RatchetTree } from "../tree/ratchet-tree.js";
import type { ResolvedGroupConfig } from "./config.js";
import { requiredCapabilitiesOf } from "./context-extensions.js";
import { makeEpochState } from "./epoch-state.js";
import type { EpochState } from "./epoch-state.js";
import { checkRequiredCapabilities } from "../extensions/index.js";

export interface CreateGroupOptions {
  readonly cipherSuite: number;
  readonly credential: Credential;
  readonly signatureKeyPair: KeyPair;
  /** Default: KDF.Nh random bytes (§11). */
  readonly groupId?: Uint8Array;
  /** GroupContext extensions (e.g. required_capabilities, external_senders). */
  readonly extensions?: readonly Extension[];
  readonly capabilities?: CapabilitiesOptions;
  readonly leafNodeExtensions?: readonly Extension[];
}

export function createGroupState(config: ResolvedGroupConfig, options: CreateGroupOptions): EpochState {
  const cs = config.provider.suite(options.cipherSuite);
  const extensions = options.extensions ?? [];
  checkExtensionList(extensions, "group_context");
  // §11: the creator's leaf is the leaf of a KeyPackage of its own (source key_package).
  const own = createKeyPackage({
    provider: config.provider,
    cipherSuite: cs.id,
    credential: options.credential,
    signatureKeyPair: options.signatureKeyPair,
    ...(options.capabilities === undefined ? {} : { capabilities: options.capabilities }),
    ...(options.leafNodeExtensions === undefined ? {} : { leafNodeExtensions: options.leafNodeExtensions }),
    now: config.now(),
  });
  wipeBytes(own.private.initPrivateKey);
  const { leafNode } = own.keyPackage;
  checkGroupContextExtensionsSupported(leafNode.capabilities, extensions);
  const required = requiredCapabilitiesOf(extensions);
  if (required !== undefined) checkRequiredCapabilities(leafNode.capabilities, required);
  const tree = RatchetTree.withFirstLeaf(cs, leafNode);
  const keys = new TreePrivateKeys();
  keys.set(0 as NodeIndex, own.private.encryptionPrivateKey);
  const context = {
    cipherSuite: cs.id,
    groupId: options.groupId ?? config.provider.randomBytes(cs.hashLength),
    epoch: 0n,
    treeHash: tree.treeHash(),
    confirmedTranscriptHash: new Uint8Array(0),
    extensions,
  };
  const epochSecret = config.provider.randomBytes(cs.hashLength);
  const secrets = new EpochSecrets(cs, epochSecret);
  wipeBytes(epochSecret);
  const tag = computeConfirmationTag(cs, secrets.confirmationKey.bytes, context.confirmedTranscriptHash);
  return makeEpochState({
    cs,
    context,
    tree,
    keys,
    ownLeaf: toLeafIndex(0),
    secrets,
    interimTranscriptHash: computeInterimTranscriptHash(cs, context.confirmedTranscriptHash, tag),
    confirmationTag: tag,
    ratchetPolicy: config.ratchetPolicy,
  });
}
