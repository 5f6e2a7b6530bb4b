/**
 * RFC 9420 §8 and §8.3 "External Initialization": the group-wide HPKE key pair derived from
 * `external_secret`, whose public half goes into GroupInfo (`external_pub` extension), and the HPKE export
 * by which a joiner sends a new `init_secret` to the group inside an ExternalInit proposal (§12.1.5).
 */
import type { CipherSuite, KeyPair } from "../crypto/provider.js";
import { CryptoError } from "../errors.js";
import { Secret, wipeBytes } from "./secret.js";

const EMPTY = new Uint8Array(0);
/**
 * §8.3: `context.export("MLS 1.0 external init secret", KDF.Nh)`. The string is HPKE's exporter_context
 * as raw bytes — it is not an MLS label, so it is not wrapped by ExpandWithLabel.
 */
const EXTERNAL_INIT_CONTEXT = new TextEncoder().encode("MLS 1.0 external init secret");

/** §8: `external_priv, external_pub = KEM.DeriveKeyPair(external_secret)`. */
export function deriveExternalKeyPair(cs: CipherSuite, externalSecret: Uint8Array): KeyPair {
  return cs.hpke.deriveKeyPair(externalSecret);
}

/** What a joiner produces: `kem_output` for its ExternalInit proposal and the new epoch's `init_secret`. */
export interface ExternalInitOutput {
  readonly kemOutput: Uint8Array;
  /** Feeds the key schedule in place of `init_secret_[n-1]`; the caller wipes it once the epoch is built. */
  readonly initSecret: Secret;
}

/**
 * §8.3, joiner side: `kem_output, context = SetupBaseS(external_pub, "")`,
 * `init_secret = context.export("MLS 1.0 external init secret", KDF.Nh)`. `externalPub` is the GroupInfo's
 * `external_pub`; a malformed one is a `CryptoError`.
 */
export function createExternalInit(cs: CipherSuite, externalPub: Uint8Array): ExternalInitOutput {
  const { kemOutput, exportedValue } = cs.hpke.sendExport(
    externalPub,
    EMPTY,
    EXTERNAL_INIT_CONTEXT,
    cs.hashLength,
  );
  return { kemOutput, initSecret: new Secret(exportedValue, "init_secret") };
}

/**
 * §8.3, member side: `context = SetupBaseR(kem_output, external_priv, "")` with `external_priv` from
 * `DeriveKeyPair(external_secret)` of the epoch the external Commit was sent in, then the same export.
 *
 * `externalSecret` is not wiped: the Commit carrying the ExternalInit may still fail its checks, and then
 * the old epoch stays current (key-schedule.ts follows the same rule). `external_priv` only lives here and
 * is deleted before returning. A `kemOutput` of the wrong length or not a valid public key is a
 * `CryptoError`; a well-formed `kemOutput` made for another key yields a different `init_secret`, which
 * the Commit's confirmation tag then fails to match (§12.4.2).
 */
export function receiveExternalInit(
  cs: CipherSuite,
  externalSecret: Uint8Array,
  kemOutput: Uint8Array,
): Secret {
  const { privateKey } = deriveExternalKeyPair(cs, externalSecret);
  try {
    return new Secret(
      cs.hpke.receiveExport(privateKey, kemOutput, EMPTY, EXTERNAL_INIT_CONTEXT, cs.hashLength),
      "init_secret",
    );
  } catch (err) {
    if (!(err instanceof CryptoError)) throw err;
    throw new CryptoError(`ExternalInit kem_output is not usable (RFC 9420 §8.3): ${err.message}`, {
      cause: err,
    });
  } finally {
    wipeBytes(privateKey);
  }
}
