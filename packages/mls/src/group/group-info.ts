/**
 * RFC 9420 §12.4.3: the signed GroupInfo of an epoch, for Welcomes and for external joins. The `ratchet_tree`
 * extension (§12.4.3.3) carries the public tree when it is not distributed out of band; `external_pub`
 * (§12.4.3.2) lets non-members join by external Commit.
 */
import { encode } from "@parley/codec";
import { ExtensionType, WireFormat, encodeMLSMessage, encodeRatchetTree } from "../codec/index.js";
import type { Extension, GroupInfo } from "../codec/index.js";
import { encodeExtensionData } from "../codec/index.js";
import { deriveExternalKeyPair } from "../schedule/external-init.js";
import { signGroupInfo } from "../welcome/group-info-signature.js";
import { externalPubExtension } from "./context-extensions.js";
import type { EpochState } from "./epoch-state.js";

export interface GroupInfoOptions {
  /** Include the public ratchet tree (`ratchet_tree` extension). Default true. */
  readonly ratchetTree?: boolean;
  /** Include `external_pub` so that non-members can join by external Commit. Default false. */
  readonly externalPub?: boolean;
}

export function ratchetTreeExtension(state: EpochState): Extension {
  return {
    extensionType: ExtensionType.ratchetTree,
    extensionData: encodeExtensionData(state.tree.toNodes(), encodeRatchetTree),
  };
}

/** §12.4.3: the GroupInfo for `state`, signed by this member. */
export function buildGroupInfo(
  state: EpochState,
  signaturePrivateKey: Uint8Array,
  options: GroupInfoOptions,
): GroupInfo {
  const extensions: Extension[] = [];
  if (options.ratchetTree ?? true) extensions.push(ratchetTreeExtension(state));
  if (options.externalPub === true) {
    // §8: external_priv, external_pub = KEM.DeriveKeyPair(external_secret); only the public half leaves.
    const pair = deriveExternalKeyPair(state.cs, state.secrets.externalSecret.bytes);
    pair.privateKey.fill(0);
    extensions.push(externalPubExtension(pair.publicKey));
  }
  return signGroupInfo(state.cs, signaturePrivateKey, {
    groupContext: state.context,
    extensions,
    confirmationTag: state.confirmationTag,
    signer: state.ownLeaf,
  });
}

export function encodeGroupInfoMessage(groupInfo: GroupInfo): Uint8Array {
  return encode({ wireFormat: WireFormat.mlsGroupInfo, groupInfo }, encodeMLSMessage);
}
