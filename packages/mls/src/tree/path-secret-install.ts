/**
 * Installing private keys a member learns outside an UpdatePath: a joiner's path secret from the Welcome
 * (§12.4.3.1) or stored private state. Every derived or supplied private key must match the public key in
 * the tree (PATH-6), otherwise the member would silently fail to decrypt later commits.
 */
import { bytesEqual } from "@parley/codec";
import type { CipherSuite } from "../crypto/provider.js";
import { CryptoError } from "../errors.js";
import type { LeafIndex, NodeIndex } from "../tree-math/index.js";
import { nextPathSecret, nodeKeyPair } from "./path-secrets.js";
import type { TreePrivateKeys } from "./private-keys.js";
import type { RatchetTree } from "./ratchet-tree.js";
import { TreeRule, violation } from "./rules.js";

const PROBE_LABEL = "parley key check";

/**
 * PATH-6: `privateKey` belongs to the node's `publicKey`. HPKE offers no public-from-private operation, so a
 * short probe is sealed to the public key and must open with the private one.
 */
export function verifyPrivateKey(
  cs: CipherSuite,
  x: NodeIndex,
  privateKey: Uint8Array,
  publicKey: Uint8Array,
): void {
  const probe = Uint8Array.of(x & 0xff);
  const info = new TextEncoder().encode(PROBE_LABEL);
  try {
    const sealed = cs.hpke.seal(publicKey, info, probe, probe);
    const opened = cs.hpke.open(privateKey, sealed.kemOutput, info, probe, sealed.ciphertext);
    if (bytesEqual(opened, probe)) return;
  } catch (e) {
    if (!(e instanceof CryptoError)) throw e;
  }
  throw violation(TreeRule.privateKey, `the private key for node ${x} does not match its public key`);
}

/** Derives the key pair of one node from its path secret and stores it, after checking it against the tree. */
export function installNodeSecret(
  tree: RatchetTree,
  keys: TreePrivateKeys,
  x: NodeIndex,
  pathSecret: Uint8Array,
): void {
  const pair = nodeKeyPair(tree.cs, pathSecret);
  const publicKey = tree.encryptionKey(x);
  if (publicKey === undefined || !bytesEqual(publicKey, pair.publicKey)) {
    pair.privateKey.fill(0);
    throw violation(TreeRule.privateKey, `the path secret for node ${x} does not yield its public key`);
  }
  keys.set(x, pair.privateKey);
}

/**
 * RFC 9420 §12.4.3.1: with the path secret of `from` (the lowest common ancestor of the joiner and the
 * committer), set the keys of `from` and of every node above it on the committer's filtered direct path.
 */
export function installPathSecrets(
  tree: RatchetTree,
  keys: TreePrivateKeys,
  committer: LeafIndex,
  from: NodeIndex,
  pathSecret: Uint8Array,
): void {
  const path = tree.filteredDirectPath(committer).map((e) => e.parent);
  const start = path.indexOf(from);
  if (start < 0)
    throw violation(TreeRule.privateKey, `node ${from} is not on leaf ${committer}'s filtered path`);
  let secret: Uint8Array = pathSecret.slice();
  for (const x of path.slice(start)) {
    installNodeSecret(tree, keys, x, secret);
    const next = nextPathSecret(tree.cs, secret);
    secret.fill(0);
    secret = next;
  }
  secret.fill(0);
}
