import type { Reader, Writer } from "@parley/codec";
import { type Extension, decodeExtensions, encodeExtensions } from "./extension.js";
import { type GroupContext, decodeGroupContext, encodeGroupContext } from "./group-context.js";

/** RFC 9420 §12.4.3 GroupInfoTBS: everything a GroupInfo's signature covers. */
export interface GroupInfoTBS {
  readonly groupContext: GroupContext;
  /** Unknown extensions here must be ignored (§13.4), so all are kept. */
  readonly extensions: readonly Extension[];
  readonly confirmationTag: Uint8Array;
  /** Leaf index of the member whose signature key verifies `signature`. */
  readonly signer: number;
}

/** RFC 9420 §12.4.3 GroupInfo: what a joiner needs to enter the current epoch. */
export interface GroupInfo extends GroupInfoTBS {
  readonly signature: Uint8Array;
}

export function encodeGroupInfoTBS(w: Writer, v: GroupInfoTBS): void {
  encodeGroupContext(w, v.groupContext);
  encodeExtensions(w, v.extensions);
  w.opaque(v.confirmationTag).u32(v.signer);
}

export function decodeGroupInfoTBS(r: Reader, path = "GroupInfoTBS"): GroupInfoTBS {
  return {
    groupContext: decodeGroupContext(r, `${path}.group_context`),
    extensions: decodeExtensions(r, `${path}.extensions`),
    confirmationTag: r.opaque(`${path}.confirmation_tag`),
    signer: r.u32(`${path}.signer`),
  };
}

export function encodeGroupInfo(w: Writer, v: GroupInfo): void {
  encodeGroupInfoTBS(w, v);
  w.opaque(v.signature);
}

export function decodeGroupInfo(r: Reader, path = "GroupInfo"): GroupInfo {
  const tbs = decodeGroupInfoTBS(r, path);
  return { ...tbs, signature: r.opaque(`${path}.signature`) };
}
