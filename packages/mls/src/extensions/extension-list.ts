/**
 * Rules about a list of extensions as a whole, wherever it appears (§13.4): no duplicate types, each known
 * type only in the messages its registry entry names (§17.3), and known bodies well formed.
 */
import type { Reader } from "@parley/codec";
import { CodecError } from "@parley/codec";
import {
  ExtensionType,
  decodeApplicationId,
  decodeExtensionData,
  decodeExternalPub,
  decodeExternalSenders,
  decodeRequiredCapabilities,
} from "../codec/index.js";
import type { Extension } from "../codec/index.js";
import { ValidationError } from "../errors.js";
import { LAST_RESORT_EXTENSION_TYPE, hex } from "./extension-types.js";
import { ExtensionRule } from "./rules.js";

/** The four places an extension list occurs (§13.4; the "Message(s)" column of §17.3: KP, LN, GC, GI). */
export type ExtensionLocation = "key_package" | "leaf_node" | "group_context" | "group_info";

/**
 * §17.3 "Message(s)" for the types this library knows. Types not listed here (GREASE, private use, future
 * registrations) may appear anywhere: §13.4 says unknown KeyPackage, LeafNode and GroupInfo extensions are
 * ignored, and an unknown GroupContext extension fails the support check (EXT-7) rather than this one.
 */
const ALLOWED: ReadonlyMap<number, readonly ExtensionLocation[]> = new Map<number, ExtensionLocation[]>([
  [0x0000, []],
  [ExtensionType.applicationId, ["leaf_node"]],
  [ExtensionType.ratchetTree, ["group_info"]],
  [ExtensionType.requiredCapabilities, ["group_context"]],
  [ExtensionType.externalPub, ["group_info"]],
  [ExtensionType.externalSenders, ["group_context"]],
  [LAST_RESORT_EXTENSION_TYPE, ["key_package"]],
]);

/** Decoders that must consume a known body exactly. `ratchet_tree` is left to the tree code, which parses it anyway. */
const BODY_DECODERS: ReadonlyMap<number, (r: Reader) => unknown> = new Map<number, (r: Reader) => unknown>([
  [ExtensionType.applicationId, (r) => decodeApplicationId(r)],
  [ExtensionType.requiredCapabilities, (r) => decodeRequiredCapabilities(r)],
  [ExtensionType.externalPub, (r) => decodeExternalPub(r)],
  [ExtensionType.externalSenders, (r) => decodeExternalSenders(r)],
  // draft-ietf-mls-extensions: `struct {} LastResort;`, so the body is empty.
  [LAST_RESORT_EXTENSION_TYPE, () => undefined],
]);

function fail(rule: { id: string; section: string }, message: string, cause?: unknown): never {
  throw new ValidationError(rule.id, rule.section, message, cause === undefined ? undefined : { cause });
}

/** EXT-1: §13.4 "Any field containing a list of extensions MUST NOT have more than one extension of any given type." */
export function checkUniqueExtensionTypes(extensions: readonly Extension[], where: ExtensionLocation): void {
  const seen = new Set<number>();
  for (const { extensionType } of extensions) {
    if (seen.has(extensionType)) {
      fail(ExtensionRule.unique, `${where} extensions contain type ${hex(extensionType)} more than once`);
    }
    seen.add(extensionType);
  }
}

/** EXT-2: a known extension type outside the messages §17.3 lists for it (e.g. `ratchet_tree` in a LeafNode). */
export function checkExtensionPlacement(extensions: readonly Extension[], where: ExtensionLocation): void {
  for (const { extensionType } of extensions) {
    const allowed = ALLOWED.get(extensionType);
    if (allowed !== undefined && !allowed.includes(where)) {
      const places = allowed.length === 0 ? "nowhere (reserved)" : `only in ${allowed.join(", ")}`;
      fail(
        ExtensionRule.placement,
        `extension type ${hex(extensionType)} in ${where}; it may appear ${places}`,
      );
    }
  }
}

/** EXT-3: the body of each known extension (other than `ratchet_tree`) is a well-formed value of its type. */
export function checkExtensionBodies(extensions: readonly Extension[], where: ExtensionLocation): void {
  for (const [i, { extensionType, extensionData }] of extensions.entries()) {
    const decodeBody = BODY_DECODERS.get(extensionType);
    if (decodeBody === undefined) continue;
    const path = `${where}.extensions[${i}].extension_data`;
    try {
      decodeExtensionData(extensionData, decodeBody, path);
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      fail(ExtensionRule.wellFormed, `extension ${hex(extensionType)} is malformed: ${e.message}`, e);
    }
  }
}

/** EXT-1, EXT-2 and EXT-3 together: everything §13.4 and §17.3 say about one extension list by itself. */
export function checkExtensionList(extensions: readonly Extension[], where: ExtensionLocation): void {
  checkUniqueExtensionTypes(extensions, where);
  checkExtensionPlacement(extensions, where);
  checkExtensionBodies(extensions, where);
}

/** The extension of `type` in a list already checked by EXT-1, or undefined. */
export function findExtension(extensions: readonly Extension[], type: number): Extension | undefined {
  return extensions.find((e) => e.extensionType === type);
}
