/**
 * RFC 9420 §8 and §8.3: the group-wide HPKE key pair derived from `external_secret`, whose public half goes
 * into GroupInfo (`external_pub` extension) so non-members can join with an external Commit.
 */
import type { CipherSuite, KeyPair } from "../crypto/provider.js";

/** §8: `external_priv, external_pub = KEM.DeriveKeyPair(external_secret)`. */
export function deriveExternalKeyPair(cs: CipherSuite, externalSecret: Uint8Array): KeyPair {
  return cs.hpke.deriveKeyPair(externalSecret);
}
