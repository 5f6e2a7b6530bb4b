/** RFC 9420 §7.2, §11.1, §13.4: rules about extensions and capabilities shared by KeyPackages, leaves and groups. */
export { ExtensionRule } from "./rules.js";
export {
  LAST_RESORT_EXTENSION_TYPE,
  GREASE_VALUES,
  isDefaultExtensionType,
  isDefaultProposalType,
} from "./extension-types.js";
export {
  type ExtensionLocation,
  checkUniqueExtensionTypes,
  checkExtensionPlacement,
  checkExtensionBodies,
  checkExtensionList,
  findExtension,
} from "./extension-list.js";
export {
  missingRequiredCapability,
  supportsRequiredCapabilities,
  checkRequiredCapabilities,
  checkGroupContextExtensionsSupported,
  checkExtensionsInCapabilities,
  checkLeafNodeCapabilities,
} from "./capabilities.js";
