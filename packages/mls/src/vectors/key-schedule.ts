/**
 * Runner for the MLS interop `key-schedule.json` vectors (RFC 9420 §8, §8.1, §8.5). One case per JSON
 * element, covering every epoch in order: the GroupContext encoding, joiner/welcome/init secrets, every
 * epoch-derived secret, `external_pub` (§8 DeriveKeyPair) and one MLS-Exporter output. Each epoch's
 * `init_secret` feeds the next epoch, so a mistake anywhere shows up in every later epoch too.
 */
import { encode } from "@parley/codec";
import type { CipherSuite, CryptoProvider } from "../crypto/provider.js";
import { encodeGroupContext } from "../codec/index.js";
import type { GroupContext } from "../codec/index.js";
import type { EpochSecrets } from "../schedule/epoch-secrets.js";
import { mlsExporter } from "../schedule/exporter.js";
import { deriveExternalKeyPair } from "../schedule/external-init.js";
import { runKeySchedule } from "../schedule/key-schedule.js";
import type { VectorOutcome, VectorRunner } from "./types.js";
import { array, hex, object, runCases, str, uint } from "./vector-case.js";
import type { Diffs, Json } from "./vector-case.js";

const SECRETS: ReadonlyArray<readonly [string, (e: EpochSecrets) => Uint8Array]> = [
  ["sender_data_secret", (e) => e.senderDataSecret.bytes],
  ["encryption_secret", (e) => e.encryptionSecret.bytes],
  ["exporter_secret", (e) => e.exporterSecret.bytes],
  ["external_secret", (e) => e.externalSecret.bytes],
  ["confirmation_key", (e) => e.confirmationKey.bytes],
  ["membership_key", (e) => e.membershipKey.bytes],
  ["resumption_psk", (e) => e.resumptionPsk.bytes],
  ["epoch_authenticator", (e) => e.epochAuthenticator],
  ["init_secret", (e) => e.initSecret.bytes],
];

function checkEpoch(
  cs: CipherSuite,
  context: GroupContext,
  initSecret: Uint8Array,
  e: Json,
  diffs: Diffs,
  where: string,
): Uint8Array {
  diffs.bytes(`${where} group_context`, encode(context, encodeGroupContext), hex(e, "group_context"));
  const out = runKeySchedule(cs, {
    initSecret,
    commitSecret: hex(e, "commit_secret"),
    pskSecret: hex(e, "psk_secret"),
    groupContext: context,
  });
  diffs.bytes(`${where} joiner_secret`, out.joinerSecret.bytes, hex(e, "joiner_secret"));
  diffs.bytes(`${where} welcome_secret`, out.welcomeSecret.bytes, hex(e, "welcome_secret"));
  for (const [name, get] of SECRETS) diffs.bytes(`${where} ${name}`, get(out.epoch), hex(e, name));
  const externalPub = deriveExternalKeyPair(cs, out.epoch.externalSecret.bytes).publicKey;
  diffs.bytes(`${where} external_pub`, externalPub, hex(e, "external_pub"));
  const x = object(e["exporter"], "exporter");
  const exported = mlsExporter(
    cs,
    out.epoch.exporterSecret.bytes,
    str(x, "label"),
    hex(x, "context"),
    uint(x, "length"),
  );
  diffs.bytes(`${where} exporter.secret`, exported, hex(x, "secret"));
  const next = out.epoch.initSecret.bytes.slice();
  out.joinerSecret.wipe();
  out.welcomeSecret.wipe();
  out.epoch.wipe();
  return next;
}

export const run: VectorRunner = (data: unknown, provider: CryptoProvider): VectorOutcome =>
  runCases("key-schedule", data, provider, (cs, c, diffs) => {
    const groupId = hex(c, "group_id");
    let initSecret = hex(c, "initial_init_secret");
    array(c, "epochs").forEach((raw, epoch) => {
      const e = object(raw, `epochs[${epoch}]`);
      const context: GroupContext = {
        cipherSuite: cs.id,
        groupId,
        epoch: BigInt(epoch),
        treeHash: hex(e, "tree_hash"),
        confirmedTranscriptHash: hex(e, "confirmed_transcript_hash"),
        extensions: [],
      };
      initSecret = checkEpoch(cs, context, initSecret, e, diffs, `epoch ${epoch}`);
    });
  });
