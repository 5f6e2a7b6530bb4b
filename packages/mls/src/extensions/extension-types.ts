/**
 * Extension and proposal type sets that RFC 9420 gives special meaning: the "default" types every client
 * implements (§7.2), the GREASE code points (§13.5), and the `last_resort` KeyPackage extension, which RFC 9420
 * mentions (§16.8) but does not define.
 */
import { ExtensionType } from "../codec/extension.js";
import { ProposalType } from "../codec/proposal.js";

/**
 * draft-ietf-mls-extensions ("The Messaging Layer Security (MLS) Extensions", -05), §"Last resort KeyPackages":
 * extension type 0x000A `last_resort_key_package`, allowed in KeyPackages (KP), with an empty body. RFC 9420's
 * registry (§17.3) lists only types 1–5; this value follows the draft's IANA section.
 */
export const LAST_RESORT_EXTENSION_TYPE = 0x000a;

/** §7.2: default extension types are implemented by everyone and MUST NOT be listed in capabilities. */
const DEFAULT_EXTENSION_TYPES: ReadonlySet<number> = new Set(Object.values(ExtensionType));

/** §7.2: default proposal types, likewise never listed. */
const DEFAULT_PROPOSAL_TYPES: ReadonlySet<number> = new Set(Object.values(ProposalType));

export function isDefaultExtensionType(type: number): boolean {
  return DEFAULT_EXTENSION_TYPES.has(type);
}

export function isDefaultProposalType(type: number): boolean {
  return DEFAULT_PROPOSAL_TYPES.has(type);
}

/**
 * §13.5: the values reserved for GREASE in every MLS registry (0x0A0A, 0x1A1A, … 0xEAEA). Used only when
 * generating: §13.5 forbids treating them specially on receipt, so no validation code consults this list.
 */
export const GREASE_VALUES: readonly number[] = Array.from({ length: 15 }, (_, i) => i * 0x1010 + 0x0a0a);

/** A registry code point as error messages print it, e.g. `0x000a`. */
export function hex(type: number): string {
  return `0x${type.toString(16).padStart(4, "0")}`;
}
