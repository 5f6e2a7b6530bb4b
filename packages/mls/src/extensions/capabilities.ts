/**
 * Capabilities rules (§7.2, §7.3, §11.1, §13.4): what a LeafNode must advertise about itself and what a group
 * may require of it. Tree-independent, so KeyPackage validation, Add/Update/Commit processing and
 * GroupContextExtensions proposals all use these same functions.
 */
import type { Capabilities, Extension, LeafNodeData, RequiredCapabilities } from "../codec/index.js";
import { ValidationError } from "../errors.js";
import { hex, isDefaultExtensionType, isDefaultProposalType } from "./extension-types.js";
import { ExtensionRule } from "./rules.js";

/**
 * The first requirement in `required` that `capabilities` does not meet, described for an error message, or
 * undefined. §11.1: default extension and proposal types are implemented by everyone (and §7.2 forbids listing
 * them), so they count as supported; credential types have no defaults and must always be listed.
 */
export function missingRequiredCapability(
  capabilities: Capabilities,
  required: RequiredCapabilities,
): string | undefined {
  const ext = required.extensionTypes.find(
    (t) => !isDefaultExtensionType(t) && !capabilities.extensions.includes(t),
  );
  if (ext !== undefined) return `extension type ${hex(ext)}`;
  const proposal = required.proposalTypes.find(
    (t) => !isDefaultProposalType(t) && !capabilities.proposals.includes(t),
  );
  if (proposal !== undefined) return `proposal type ${hex(proposal)}`;
  const credential = required.credentialTypes.find((t) => !capabilities.credentials.includes(t));
  if (credential !== undefined) return `credential type ${hex(credential)}`;
  return undefined;
}

/** §11.1: whether a member with these capabilities may join (or stay in) a group with this requirement. */
export function supportsRequiredCapabilities(
  capabilities: Capabilities,
  required: RequiredCapabilities,
): boolean {
  return missingRequiredCapability(capabilities, required) === undefined;
}

/** EXT-4: §7.3 "the required extensions, proposals, and credential types MUST be listed in the LeafNode's capabilities". */
export function checkRequiredCapabilities(capabilities: Capabilities, required: RequiredCapabilities): void {
  const missing = missingRequiredCapability(capabilities, required);
  if (missing !== undefined) {
    const { id, section } = ExtensionRule.requiredCapabilities;
    throw new ValidationError(id, section, `capabilities lack the group's required ${missing}`);
  }
}

/** EXT-7: §13.4 "The capabilities field MUST indicate support for each extension in the GroupContext." */
export function checkGroupContextExtensionsSupported(
  capabilities: Capabilities,
  groupContextExtensions: readonly Extension[],
): void {
  for (const { extensionType } of groupContextExtensions) {
    if (isDefaultExtensionType(extensionType) || capabilities.extensions.includes(extensionType)) continue;
    const { id, section } = ExtensionRule.groupContextExtensionsSupported;
    throw new ValidationError(id, section, `capabilities lack GroupContext extension ${hex(extensionType)}`);
  }
}

/**
 * EXT-6: §7.2 "The types of any non-default extensions that appear in the extensions field … MUST be included
 * in the extensions field of the capabilities field". Also used for KeyPackage.extensions, which §10 subjects
 * to the same requirement.
 */
export function checkExtensionsInCapabilities(
  capabilities: Capabilities,
  extensions: readonly Extension[],
  rule: { readonly id: string; readonly section: string },
  where: string,
): void {
  for (const { extensionType } of extensions) {
    if (isDefaultExtensionType(extensionType) || capabilities.extensions.includes(extensionType)) continue;
    throw new ValidationError(
      rule.id,
      rule.section,
      `${where} extension ${hex(extensionType)} is not listed in capabilities.extensions`,
    );
  }
}

/**
 * EXT-5 and EXT-6: a LeafNode's self-consistency (§7.2): its credential type and its non-default extensions
 * are among those it says it supports. Unknown values in capabilities are ignored, as §7.2 requires.
 */
export function checkLeafNodeCapabilities(leafNode: LeafNodeData): void {
  const { capabilities, credential } = leafNode;
  if (!capabilities.credentials.includes(credential.credentialType)) {
    const { id, section } = ExtensionRule.credentialInCapabilities;
    throw new ValidationError(
      id,
      section,
      `credential type ${hex(credential.credentialType)} is not listed in capabilities.credentials`,
    );
  }
  checkExtensionsInCapabilities(
    capabilities,
    leafNode.extensions,
    ExtensionRule.leafExtensionsInCapabilities,
    "LeafNode",
  );
}
