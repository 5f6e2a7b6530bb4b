/**
 * Typed reads of the GroupContext and GroupInfo extensions the group engine acts on: required_capabilities
 * (§11.1), external_senders (§12.1.8.1), ratchet_tree (§12.4.3.3) and external_pub (§12.4.3.2). The lists were
 * checked (EXT-1..3) when they entered the group, so a body that fails to decode here is an internal error.
 */
import {
  ExtensionType,
  decodeExtensionData,
  decodeExternalPub,
  decodeExternalSenders,
  decodeRequiredCapabilities,
  encodeExtensionData,
  encodeExternalPub,
} from "../codec/index.js";
import type { Extension, ExternalSender, RequiredCapabilities } from "../codec/index.js";
import { findExtension } from "../extensions/index.js";

export function requiredCapabilitiesOf(extensions: readonly Extension[]): RequiredCapabilities | undefined {
  const ext = findExtension(extensions, ExtensionType.requiredCapabilities);
  if (ext === undefined) return undefined;
  return decodeExtensionData(
    ext.extensionData,
    (r) => decodeRequiredCapabilities(r),
    "required_capabilities",
  );
}

export function externalSendersOf(extensions: readonly Extension[]): readonly ExternalSender[] {
  const ext = findExtension(extensions, ExtensionType.externalSenders);
  if (ext === undefined) return [];
  return decodeExtensionData(ext.extensionData, (r) => decodeExternalSenders(r), "external_senders");
}

export function externalPubOf(extensions: readonly Extension[]): Uint8Array | undefined {
  const ext = findExtension(extensions, ExtensionType.externalPub);
  if (ext === undefined) return undefined;
  return decodeExtensionData(ext.extensionData, (r) => decodeExternalPub(r), "external_pub").externalPub;
}

export function externalPubExtension(externalPub: Uint8Array): Extension {
  return {
    extensionType: ExtensionType.externalPub,
    extensionData: encodeExtensionData({ externalPub }, encodeExternalPub),
  };
}
