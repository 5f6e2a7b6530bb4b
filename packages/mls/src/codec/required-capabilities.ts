import type { Reader, Writer } from "@parley/codec";
import { decodeU16List, encodeU16List } from "./int-list.js";

/** RFC 9420 §11.1: body of the `required_capabilities` GroupContext extension. */
export interface RequiredCapabilities {
  readonly extensionTypes: readonly number[];
  readonly proposalTypes: readonly number[];
  readonly credentialTypes: readonly number[];
}

export function encodeRequiredCapabilities(w: Writer, v: RequiredCapabilities): void {
  encodeU16List(w, v.extensionTypes);
  encodeU16List(w, v.proposalTypes);
  encodeU16List(w, v.credentialTypes);
}

export function decodeRequiredCapabilities(r: Reader, path = "RequiredCapabilities"): RequiredCapabilities {
  return {
    extensionTypes: decodeU16List(r, `${path}.extension_types`),
    proposalTypes: decodeU16List(r, `${path}.proposal_types`),
    credentialTypes: decodeU16List(r, `${path}.credential_types`),
  };
}
