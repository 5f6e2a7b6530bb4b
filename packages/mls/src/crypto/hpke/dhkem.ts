/**
 * RFC 9180 §4.1 DHKEM(Group, KDF), generic over a backend's `DhPrimitive`, with DeriveKeyPair (§7.1.3) and the
 * public-key checks of §7.1.4. Base mode only: MLS never uses AuthEncap/AuthDecap (RFC 9420 §5.1.3).
 */
import { concatBytes } from "@parley/codec";
import { CryptoError } from "../../errors.js";
import { checkLength, i2osp, os2ip, wipe } from "../bytes.js";
import type { Kdf } from "../hkdf.js";
import type { DhPrimitive } from "../primitives.js";
import type { KeyPair } from "../provider.js";
import { createLabeledKdf, kemSuiteId, type LabeledKdf } from "./labeled-kdf.js";

export interface Encapsulation {
  sharedSecret: Uint8Array;
  enc: Uint8Array;
}

export interface Dhkem {
  readonly id: number;
  readonly nsecret: number;
  readonly nenc: number;
  readonly npk: number;
  readonly nsk: number;
  generateKeyPair(): KeyPair;
  deriveKeyPair(ikm: Uint8Array): KeyPair;
  encap(pkR: Uint8Array): Encapsulation;
  /** Encap with a caller-chosen ephemeral key: only for checking RFC 9180 test vectors. */
  encapWithEphemeral(pkR: Uint8Array, skE: Uint8Array): Encapsulation;
  decap(enc: Uint8Array, skR: Uint8Array): Uint8Array;
}

/** `kdf` must be the KEM's own KDF (§7.1.3: "use the DHKEM's associated KDF"). */
export function createDhkem(group: DhPrimitive, kdf: Kdf): Dhkem {
  const p = group.params;
  const lkdf = createLabeledKdf(kdf, kemSuiteId(p.id));

  function extractAndExpand(dh: Uint8Array, kemContext: Uint8Array): Uint8Array {
    const eaePrk = lkdf.labeledExtract(new Uint8Array(0), "eae_prk", dh);
    const sharedSecret = lkdf.labeledExpand(eaePrk, "shared_secret", kemContext, p.nsecret);
    wipe(eaePrk, dh);
    return sharedSecret;
  }

  return {
    id: p.id,
    nsecret: p.nsecret,
    nenc: p.nenc,
    npk: p.npk,
    nsk: p.nsk,
    generateKeyPair: () => group.generateKeyPair(),
    deriveKeyPair(ikm) {
      if (!(ikm instanceof Uint8Array)) throw new CryptoError("DeriveKeyPair ikm must be a Uint8Array");
      const sk =
        p.family === "nist"
          ? deriveNistScalar(lkdf, p.nsk, p.order, p.bitmask, ikm)
          : deriveX(lkdf, p.nsk, ikm);
      return { privateKey: sk, publicKey: group.publicKey(sk) };
    },
    encap(pkR) {
      checkLength(`${p.name} recipient public key`, pkR, p.npk);
      const { enc, dh } = group.ephemeralDh(pkR);
      return { enc, sharedSecret: extractAndExpand(dh, concatBytes(enc, pkR)) };
    },
    encapWithEphemeral(pkR, skE) {
      checkLength(`${p.name} recipient public key`, pkR, p.npk);
      checkLength(`${p.name} ephemeral private key`, skE, p.nsk);
      const dh = group.dh(skE, pkR);
      const enc = group.publicKey(skE);
      return { enc, sharedSecret: extractAndExpand(dh, concatBytes(enc, pkR)) };
    },
    decap(enc, skR) {
      checkLength(`${p.name} kem_output`, enc, p.nenc);
      checkLength(`${p.name} private key`, skR, p.nsk);
      const dh = group.dh(skR, enc);
      // kem_context = concat(enc, pkRm): pk(skR) is recomputed; backends cache it with the imported key.
      return extractAndExpand(dh, concatBytes(enc, group.publicKey(skR)));
    },
  };
}

/** §7.1.3 for X25519/X448: sk = LabeledExpand(dkp_prk, "sk", "", Nsk). */
function deriveX(lkdf: LabeledKdf, nsk: number, ikm: Uint8Array): Uint8Array {
  const dkpPrk = lkdf.labeledExtract(new Uint8Array(0), "dkp_prk", ikm);
  const sk = lkdf.labeledExpand(dkpPrk, "sk", new Uint8Array(0), nsk);
  wipe(dkpPrk);
  return sk;
}

/** §7.1.3 for P-256/384/521: rejection sampling until 0 < sk < order, masking the first byte with `bitmask`. */
function deriveNistScalar(
  lkdf: LabeledKdf,
  nsk: number,
  order: bigint,
  bitmask: number,
  ikm: Uint8Array,
): Uint8Array {
  const dkpPrk = lkdf.labeledExtract(new Uint8Array(0), "dkp_prk", ikm);
  try {
    for (let counter = 0; counter <= 255; counter++) {
      const bytes = lkdf.labeledExpand(dkpPrk, "candidate", i2osp(counter, 1), nsk);
      bytes[0] = (bytes[0] ?? 0) & bitmask;
      const sk = os2ip(bytes);
      if (sk !== 0n && sk < order) return bytes;
      wipe(bytes);
    }
  } finally {
    wipe(dkpPrk);
  }
  throw new CryptoError("DeriveKeyPairError: no valid scalar within 256 candidates");
}
