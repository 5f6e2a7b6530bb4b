/**
 * RFC 9420 §8.4 "Pre-Shared Keys": folds the PSKs a Commit (or a Welcome's GroupSecrets) injects, in their
 * listed order, into the single `psk_secret` the key schedule consumes.
 */
import { encode } from "@parley/codec";
import type { CipherSuite } from "../crypto/provider.js";
import { expandWithLabel } from "../crypto/labels.js";
import { encodePSKLabel } from "../codec/index.js";
import type { PreSharedKeyID } from "../codec/index.js";
import { UsageError } from "../errors.js";
import { wipeBytes } from "./secret.js";

/** One injected PSK: its identifier (as sent in the proposal) and the secret value it names. */
export interface PskWithId {
  readonly id: PreSharedKeyID;
  /** The external PSK value, or the `resumption_psk` of the referenced group and epoch. */
  readonly psk: Uint8Array;
}

/**
 * §8.4: `psk_secret_[i] = KDF.Extract(psk_input_[i-1], psk_secret_[i-1])` with
 * `psk_input_[i] = ExpandWithLabel(KDF.Extract(0, psk_[i]), "derived psk", PSKLabel, KDF.Nh)` and
 * `psk_secret_[0] = 0`; with no PSKs the result is the all-zero string.
 */
export function computePskSecret(cs: CipherSuite, psks: readonly PskWithId[]): Uint8Array {
  if (psks.length > 0xffff) throw new UsageError(`${psks.length} PSKs do not fit PSKLabel.count (uint16)`);
  const zero = new Uint8Array(cs.hashLength);
  let secret: Uint8Array = new Uint8Array(cs.hashLength);
  psks.forEach(({ id, psk }, index) => {
    const extracted = cs.kdfExtract(zero, psk);
    const label = encode({ id, index, count: psks.length }, encodePSKLabel);
    const input = expandWithLabel(cs, extracted, "derived psk", label, cs.hashLength);
    // The diagram: psk_input enters from the top (salt), the running psk_secret from the left (IKM).
    const next = cs.kdfExtract(input, secret);
    wipeBytes(extracted, input, secret);
    secret = next;
  });
  return secret;
}
