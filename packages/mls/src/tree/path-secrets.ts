/**
 * RFC 9420 §7.4 path secret derivation: each path secret yields the next one up the filtered direct path and,
 * through a node secret, the HPKE key pair of its node. The node secret is a separate, immediately wiped
 * intermediate so that each secret feeds exactly one algorithm.
 */
import { deriveSecret } from "../crypto/labels.js";
import type { CipherSuite, KeyPair } from "../crypto/provider.js";

/** path_secret[n] = DeriveSecret(path_secret[n-1], "path"); one step past the root gives the commit secret. */
export function nextPathSecret(cs: CipherSuite, pathSecret: Uint8Array): Uint8Array {
  return deriveSecret(cs, pathSecret, "path");
}

/** node_priv, node_pub = KEM.DeriveKeyPair(DeriveSecret(path_secret, "node")). */
export function nodeKeyPair(cs: CipherSuite, pathSecret: Uint8Array): KeyPair {
  const nodeSecret = deriveSecret(cs, pathSecret, "node");
  const pair = cs.hpke.deriveKeyPair(nodeSecret);
  nodeSecret.fill(0);
  return pair;
}
