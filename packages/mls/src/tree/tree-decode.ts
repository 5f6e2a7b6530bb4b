/**
 * A ratchet tree straight from the `ratchet_tree` extension bytes (§12.4.3.3): decoded node by node so that
 * each leaf's encoding is remembered for hashing (see `leaf-encoding.ts`), then shaped by
 * `RatchetTree.fromNodes`. Prefer this over decoding first when the bytes are at hand.
 */
import { Reader } from "@parley/codec";
import { type Node, NodeType, decodeNode } from "../codec/ratchet-tree.js";
import type { CipherSuite } from "../crypto/provider.js";
import { rememberLeafNodeBytes } from "./leaf-encoding.js";
import { RatchetTree } from "./ratchet-tree.js";

export function ratchetTreeFromBytes(cs: CipherSuite, bytes: Uint8Array, path = "ratchet_tree"): RatchetTree {
  const own = bytes.slice();
  const r = new Reader(own);
  const nodes = r.vector(path, (sub, i): Node | undefined => {
    const at = `${path}[${i}]`;
    return sub.optional(at, (o) => {
      const start = o.offset;
      const node = decodeNode(o, at);
      if (node.nodeType === NodeType.leaf)
        rememberLeafNodeBytes(node.leafNode, own.subarray(start + 1, o.offset));
      return node;
    });
  });
  r.done(path);
  return RatchetTree.fromNodes(cs, nodes);
}
