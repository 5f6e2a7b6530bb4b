/**
 * Runner for the MLS interop passive-client vectors (`passive-client-welcome.json`,
 * `passive-client-handling-commit.json`, `passive-client-random.json`, and any other `passive-client-*.json`):
 * a client that never sends joins through `welcome` with its KeyPackage (the ratchet tree in the case or in
 * the GroupInfo extension), then, epoch by epoch, processes the proposals and the Commit through the group
 * engine and compares the epoch authenticator (RFC 9420 §8.7). One case per JSON element, covering all of
 * its epochs; the case fails at the first epoch that differs or throws, naming it.
 */
import { bytesEqual, toHex } from "@parley/codec";
import { basicCredentialValidator } from "../credential/basic.js";
import { kemParams, signatureParams } from "../crypto/algorithms.js";
import type { CipherSuite, CryptoProvider } from "../crypto/provider.js";
import { MemoryPskStore } from "../group/config.js";
import { Group } from "../group/group.js";
import { decodeUnverifiedKeyPackageMessage } from "../key-package/unverified-key-package.js";
import type { VectorOutcome, VectorRunner } from "./types.js";
import { array, hex, object, runCases } from "./vector-case.js";
import type { Diffs, Json } from "./vector-case.js";

function externalPsks(c: Json): MemoryPskStore {
  const store = new MemoryPskStore();
  array(c, "external_psks").forEach((raw, i) => {
    const entry = object(raw, `external_psks[${i}]`);
    store.set(hex(entry, "psk_id"), hex(entry, "psk"));
  });
  return store;
}

/**
 * The vectors write P-521 scalars as minimal big-endian integers, so some are one byte short; the keys are
 * fixed-length octet strings of Nsk bytes (RFC 9180 §7.1.2), restored by left-padding with zeros.
 */
function scalar(c: Json, field: string, length: number): Uint8Array {
  const bytes = hex(c, field);
  if (bytes.length >= length) return bytes;
  const out = new Uint8Array(length);
  out.set(bytes, length - bytes.length);
  return out;
}

function join(provider: CryptoProvider, cs: CipherSuite, c: Json): Group {
  const hpkeLength = kemParams(cs.kemId).nsk;
  const signatureLength = signatureParams(cs.signatureScheme).nsk;
  const { keyPackage, keyPackageBytes } = decodeUnverifiedKeyPackageMessage(hex(c, "key_package"));
  const tree = c.ratchet_tree === null ? undefined : hex(c, "ratchet_tree");
  return Group.joinFromWelcome({
    config: {
      provider,
      validateCredential: basicCredentialValidator(),
      externalPsks: externalPsks(c),
      // The vectors' KeyPackages carry fixed lifetimes from when they were generated.
      checkKeyPackageLifetime: false,
      maxKeyPackageLifetimeSeconds: 2 ** 64,
    },
    welcome: hex(c, "welcome"),
    keyPackages: [
      {
        keyPackage,
        keyPackageBytes,
        private: {
          initPrivateKey: scalar(c, "init_priv", hpkeLength),
          encryptionPrivateKey: scalar(c, "encryption_priv", hpkeLength),
          signaturePrivateKey: scalar(c, "signature_priv", signatureLength),
        },
      },
    ],
    ...(tree === undefined ? {} : { ratchetTree: tree }),
  });
}

function runEpoch(group: Group, epoch: Json, index: number, diffs: Diffs): boolean {
  for (const [i, raw] of array(epoch, "proposals").entries()) {
    if (typeof raw !== "string") throw new Error(`epochs[${index}].proposals[${i}] is not a hex string`);
    const out = group.process(hex({ p: raw }, "p"));
    if (out.kind !== "proposal") {
      diffs.check(`epochs[${index}].proposals[${i}] was processed as ${out.kind}`, false);
      return false;
    }
  }
  const out = group.process(hex(epoch, "commit"));
  if (out.kind !== "commit") {
    diffs.check(`epochs[${index}].commit was processed as ${out.kind}`, false);
    return false;
  }
  out.commit.merge();
  const got = group.epochAuthenticator();
  const want = hex(epoch, "epoch_authenticator");
  if (bytesEqual(got, want)) return true;
  diffs.check(`epochs[${index}] epoch_authenticator: got ${toHex(got)}, want ${toHex(want)}`, false);
  return false;
}

export const run: VectorRunner = (data: unknown, provider: CryptoProvider): VectorOutcome =>
  runCases("passive-client", data, provider, (cs, c, diffs) => {
    const group = join(provider, cs, c);
    diffs.bytes(
      "initial_epoch_authenticator",
      group.epochAuthenticator(),
      hex(c, "initial_epoch_authenticator"),
    );
    if (diffs.items.length > 0) return;
    const epochs = array(c, "epochs");
    for (const [i, raw] of epochs.entries()) {
      try {
        if (!runEpoch(group, object(raw, `epochs[${i}]`), i, diffs)) return;
      } catch (e) {
        throw new Error(
          `epochs[${i}] (of ${epochs.length}): ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
          { cause: e },
        );
      }
    }
  });
