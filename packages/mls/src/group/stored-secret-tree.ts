/**
 * The stored form of a secret tree's live state (`SecretTree.exportState`, RFC 9420 §9 / §9.2), part of a
 * stored member state (`state-codec.ts`), in the TLS presentation language of RFC 9420 §1.3:
 *
 * ```
 * struct { uint32 node; opaque secret<V>; } StoredTreeNode;
 * struct { uint32 generation; opaque key<V>; opaque nonce<V>; } StoredRetainedKey;
 * struct {
 *   uint64 next;                     // 0..2^32: a ratchet that used generation 2^32 - 1 has next = 2^32
 *   optional<opaque> secret<V>;      // ratchet_secret_[next], absent once every generation was used
 *   StoredRetainedKey retained<V>;   // ascending generations, all below next
 * } StoredRatchet;
 * struct { uint32 leaf; StoredRatchet handshake; StoredRatchet application; } StoredLeafRatchets;
 * struct {
 *   uint32 leaf_count;
 *   StoredTreeNode nodes<V>;         // the frontier of unexpanded node secrets, ascending
 *   StoredLeafRatchets ratchets<V>;  // the leaves already derived, ascending
 * } StoredSecretTree;
 * ```
 *
 * Decoding checks framing and the uint ranges only; `SecretTree.fromState` runs the full SECRET-TREE-6 check.
 */
import type { Reader, Writer } from "@parley/codec";
import type { LeafRatchetsState, SecretTreeState, SenderRatchetState } from "../secret-tree/tree-state.js";

const GENERATION_LIMIT = 2n ** 32n;

function encodeRatchet(w: Writer, v: SenderRatchetState): void {
  w.u64(BigInt(v.next)).optional(v.secret, (ww, s) => ww.opaque(s));
  w.vector(v.retained, (ww, [generation, key, nonce]) => ww.u32(generation).opaque(key).opaque(nonce));
}

function decodeRatchet(r: Reader, at: string): SenderRatchetState {
  const next = r.u64(`${at}.next`);
  if (next > GENERATION_LIMIT) r.fail(`next generation ${next} exceeds 2^32`, `${at}.next`);
  const secret = r.optional(`${at}.secret`, (o) => o.opaque(`${at}.secret`).slice());
  const retained = r.vector(`${at}.retained`, (rr, i) => {
    const where = `${at}.retained[${i}]`;
    const generation = rr.u32(`${where}.generation`);
    return [generation, rr.opaque(`${where}.key`).slice(), rr.opaque(`${where}.nonce`).slice()] as const;
  });
  return { next: Number(next), secret, retained };
}

export function encodeStoredSecretTree(w: Writer, v: SecretTreeState): void {
  w.u32(v.leafCount);
  w.vector(v.nodes, (ww, [node, secret]) => ww.u32(node).opaque(secret));
  w.vector(v.ratchets, (ww, [leaf, r]) => {
    ww.u32(leaf);
    encodeRatchet(ww, r.handshake);
    encodeRatchet(ww, r.application);
  });
}

export function decodeStoredSecretTree(r: Reader, at: string): SecretTreeState {
  const leafCount = r.u32(`${at}.leaf_count`);
  const nodes = r.vector(`${at}.nodes`, (rr, i) => {
    const node = rr.u32(`${at}.nodes[${i}].node`);
    return [node, rr.opaque(`${at}.nodes[${i}].secret`).slice()] as const;
  });
  const ratchets = r.vector(`${at}.ratchets`, (rr, i): readonly [number, LeafRatchetsState] => {
    const where = `${at}.ratchets[${i}]`;
    const leaf = rr.u32(`${where}.leaf`);
    const handshake = decodeRatchet(rr, `${where}.handshake`);
    return [leaf, { handshake, application: decodeRatchet(rr, `${where}.application`) }];
  });
  return { leafCount, nodes, ratchets };
}
