import type { Reader, Writer } from "@parley/codec";
import { decodeU16List, encodeU16List } from "./int-list.js";

/**
 * RFC 9420 §7.2 Capabilities. Every list is kept verbatim, unknown and GREASE values included: §13.4
 * requires receivers to ignore unrecognised values here, and the LeafNode signature covers them.
 */
export interface Capabilities {
  readonly versions: readonly number[];
  readonly cipherSuites: readonly number[];
  readonly extensions: readonly number[];
  readonly proposals: readonly number[];
  readonly credentials: readonly number[];
}

export function encodeCapabilities(w: Writer, v: Capabilities): void {
  encodeU16List(w, v.versions);
  encodeU16List(w, v.cipherSuites);
  encodeU16List(w, v.extensions);
  encodeU16List(w, v.proposals);
  encodeU16List(w, v.credentials);
}

export function decodeCapabilities(r: Reader, path = "Capabilities"): Capabilities {
  return {
    versions: decodeU16List(r, `${path}.versions`),
    cipherSuites: decodeU16List(r, `${path}.cipher_suites`),
    extensions: decodeU16List(r, `${path}.extensions`),
    proposals: decodeU16List(r, `${path}.proposals`),
    credentials: decodeU16List(r, `${path}.credentials`),
  };
}
