/**
 * Runner for the MLS interop `secret-tree.json` vectors (RFC 9420 §9, §6.3.2). One case per JSON element,
 * covering the sender-data key and nonce derived from the ciphertext sample, and for every leaf and every
 * listed generation the handshake and application keys and nonces (the tree has one leaf per `leaves` entry).
 */
import type { CryptoProvider } from "../crypto/provider.js";
import { deriveSenderDataKey } from "../framing/sender-data.js";
import { SecretTree } from "../secret-tree/secret-tree.js";
import type { RatchetType } from "../secret-tree/sender-ratchet.js";
import type { VectorOutcome, VectorRunner } from "./types.js";
import { ShapeError, array, hex, object, runCases, uint } from "./vector-case.js";

const TYPES: readonly RatchetType[] = ["handshake", "application"];

export const run: VectorRunner = (data: unknown, provider: CryptoProvider): VectorOutcome =>
  runCases("secret-tree", data, provider, (cs, c, diffs) => {
    const sd = object(c["sender_data"], "sender_data");
    const sdKey = deriveSenderDataKey(cs, hex(sd, "sender_data_secret"), hex(sd, "ciphertext"));
    diffs.bytes("sender_data.key", sdKey.key, hex(sd, "key"));
    diffs.bytes("sender_data.nonce", sdKey.nonce, hex(sd, "nonce"));

    const leaves = array(c, "leaves");
    const tree = new SecretTree(cs, hex(c, "encryption_secret"), leaves.length);
    leaves.forEach((rawLeaf, leaf) => {
      if (!Array.isArray(rawLeaf)) throw new ShapeError(`leaves[${leaf}] is not an array`);
      rawLeaf.forEach((rawGen: unknown, i) => {
        const g = object(rawGen, `leaves[${leaf}][${i}]`);
        const generation = uint(g, "generation");
        for (const type of TYPES) {
          tree.ratchet(leaf, type).withGeneration(generation, ({ key, nonce }) => {
            const where = `leaf ${leaf} generation ${generation} ${type}`;
            diffs.bytes(`${where} key`, key, hex(g, `${type}_key`));
            diffs.bytes(`${where} nonce`, nonce, hex(g, `${type}_nonce`));
          });
        }
      });
    });
    tree.wipe();
  });
