/**
 * Runner for the MLS interop `psk_secret.json` vectors (RFC 9420 §8.4). One case per JSON element: the
 * listed external PSKs (id, value, nonce), in order, must fold into the given `psk_secret`.
 */
import type { CryptoProvider } from "../crypto/provider.js";
import { PSKType } from "../codec/index.js";
import { computePskSecret } from "../schedule/psk-secret.js";
import type { PskWithId } from "../schedule/psk-secret.js";
import type { VectorOutcome, VectorRunner } from "./types.js";
import { array, hex, object, runCases } from "./vector-case.js";

export const run: VectorRunner = (data: unknown, provider: CryptoProvider): VectorOutcome =>
  runCases("psk_secret", data, provider, (cs, c, diffs) => {
    const psks: PskWithId[] = array(c, "psks").map((raw, i) => {
      const p = object(raw, `psks[${i}]`);
      return {
        id: { pskType: PSKType.external, pskId: hex(p, "psk_id"), pskNonce: hex(p, "psk_nonce") },
        psk: hex(p, "psk"),
      };
    });
    diffs.bytes("psk_secret", computePskSecret(cs, psks), hex(c, "psk_secret"));
  });
