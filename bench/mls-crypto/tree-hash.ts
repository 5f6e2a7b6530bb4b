/**
 * RFC 9420 §7.8 tree hash of a freshly received 50,000-leaf ratchet tree (every leaf and every parent
 * non-blank, the most hashing a tree of that size can need), as a joiner computes it after decoding the
 * `ratchet_tree` extension: `ratchetTreeFromBytes` then `treeHash()` with nothing cached. One core, suite 1.
 * Leaves are one real LeafNode with distinct encryption keys; their signatures are not checked (hashing
 * does not look at them). Exported for `bench/mls-crypto/main.ts`; run directly it prints the figures.
 */
import { pathToFileURL } from "node:url";
import { encode } from "@parley/codec";
import type { LeafNode } from "../../packages/mls/src/codec/leaf-node.js";
import { type Node, NodeType, encodeRatchetTree } from "../../packages/mls/src/codec/ratchet-tree.js";
import { CredentialType, LeafNodeSource } from "../../packages/mls/src/codec/index.js";
import { nodeProvider, type CryptoProvider } from "../../packages/mls/src/crypto/index.js";
import { ratchetTreeFromBytes } from "../../packages/mls/src/tree/tree-decode.js";

export interface TreeHashBenchResult {
  readonly provider: string;
  readonly leaves: number;
  readonly nodes: number;
  /** Median over runs of the wall time of one full tree hash, decoding excluded. */
  readonly treeHashMs: number;
  readonly decodeMs: number;
  readonly runs: number;
}

function leafNode(provider: CryptoProvider, i: number): LeafNode {
  const cs = provider.suite(1);
  return {
    encryptionKey: provider.randomBytes(32),
    signatureKey: provider.randomBytes(32),
    credential: { credentialType: CredentialType.basic, identity: new TextEncoder().encode(`member-${i}`) },
    capabilities: { versions: [1], cipherSuites: [cs.id], extensions: [], proposals: [], credentials: [1] },
    leafNodeSource: LeafNodeSource.keyPackage,
    lifetime: { notBefore: 0n, notAfter: 2n ** 63n },
    extensions: [],
    signature: provider.randomBytes(64),
  };
}

/** The encoded `ratchet_tree` of a full tree with `leaves` leaves (a power of two) and no blank node. */
function encodedTree(provider: CryptoProvider, leaves: number): { bytes: Uint8Array; nodes: number } {
  const nodes: Node[] = [];
  for (let i = 0; i < 2 * leaves - 1; i++) {
    nodes.push(
      i % 2 === 0
        ? { nodeType: NodeType.leaf, leafNode: leafNode(provider, i / 2) }
        : {
            nodeType: NodeType.parent,
            parentNode: {
              encryptionKey: provider.randomBytes(32),
              parentHash: provider.randomBytes(32),
              unmergedLeaves: [],
            },
          },
    );
  }
  return { bytes: encode(nodes, encodeRatchetTree), nodes: nodes.length };
}

export function benchTreeHash(provider: CryptoProvider, leaves = 50_000, runs = 5): TreeHashBenchResult {
  const { bytes, nodes } = encodedTree(provider, leaves);
  const hashTimes: number[] = [];
  const decodeTimes: number[] = [];
  let root = "";
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const tree = ratchetTreeFromBytes(provider.suite(1), bytes);
    const t1 = performance.now();
    const h = tree.treeHash();
    const t2 = performance.now();
    const hex = Buffer.from(h).toString("hex");
    if (root !== "" && hex !== root) throw new Error("tree hash differs between runs");
    root = hex;
    decodeTimes.push(t1 - t0);
    hashTimes.push(t2 - t1);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
  return {
    provider: provider.name,
    leaves,
    nodes,
    treeHashMs: median(hashTimes),
    decodeMs: median(decodeTimes),
    runs,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(benchTreeHash(nodeProvider)));
}
