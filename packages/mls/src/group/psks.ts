/**
 * RFC 9420 §8.4 PSKs as a group member sees them: external PSKs from the application's store, resumption PSKs
 * (§8.6) from the epochs this client has been in, kept by a `ResumptionPskStore`. A Commit's PSKs are folded
 * in proposal order into psk_secret; a PSK the member lacks makes the Commit unprocessable (GROUP-5).
 */
import { PSKType } from "../codec/index.js";
import type { PreSharedKeyID } from "../codec/index.js";
import type { CipherSuite } from "../crypto/provider.js";
import { computePskSecret } from "../schedule/psk-secret.js";
import type { PskWithId } from "../schedule/psk-secret.js";
import type { ResumptionPskStore } from "../schedule/resumption-psk-store.js";
import type { PskLookup } from "../welcome/welcome-psks.js";
import type { ExternalPskStore } from "./config.js";
import { GroupRule, groupViolation } from "./rules.js";

export function pskLookup(external: ExternalPskStore | undefined, resumption: ResumptionPskStore): PskLookup {
  return (id: PreSharedKeyID) =>
    id.pskType === PSKType.external ? external?.get(id.pskId) : resumption.lookup(id.pskGroupId, id.pskEpoch);
}

/** §8.4 psk_secret for a Commit's PSKs, in order; GROUP-5 when one is not available. */
export function commitPskSecret(
  cs: CipherSuite,
  ids: readonly PreSharedKeyID[],
  lookup: PskLookup,
): Uint8Array {
  const psks: PskWithId[] = ids.map((id, i) => {
    const psk = lookup(id);
    if (psk === undefined) {
      const what =
        id.pskType === PSKType.external ? "external PSK" : `resumption PSK of epoch ${id.pskEpoch}`;
      throw groupViolation(GroupRule.pskMissing, `PreSharedKey proposal ${i} names an unavailable ${what}`);
    }
    return { id, psk };
  });
  return computePskSecret(cs, psks);
}
