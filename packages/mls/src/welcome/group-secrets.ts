/**
 * RFC 9420 §12.4.3.1 GroupSecrets: the per-joiner part of a Welcome (joiner_secret, an optional path secret,
 * the PSK ids), sealed with `EncryptWithLabel(init_key, "Welcome", encrypted_group_info, group_secrets)`.
 * Using the encrypted GroupInfo as the HPKE context binds each joiner's secrets to this one Welcome.
 */
import { Reader, encode } from "@parley/codec";
import { decodeGroupSecrets, encodeGroupSecrets } from "../codec/index.js";
import type { EncryptedGroupSecrets, GroupSecrets, KeyPackage } from "../codec/index.js";
import { decryptWithLabel, makeKeyPackageRef } from "../crypto/labels.js";
import { encryptWithLabelAll } from "../crypto/parallel/parallel-crypto.js";
import type { CipherSuite } from "../crypto/provider.js";
import { UsageError } from "../errors.js";
import { wipeBytes } from "../schedule/secret.js";
import { WelcomeRule, welcomeViolation } from "./rules.js";

const WELCOME_LABEL = "Welcome";

/** A KeyPackage with the exact bytes its KeyPackageRef (§5.2) is computed over. */
export interface KeyPackageWithBytes {
  readonly keyPackage: KeyPackage;
  readonly keyPackageBytes: Uint8Array;
}

/** Sender side: one `secrets` entry of a Welcome, addressed to the KeyPackage by its KeyPackageRef. */
export function encryptGroupSecrets(
  cs: CipherSuite,
  keyPackage: KeyPackageWithBytes,
  groupSecrets: GroupSecrets,
  encryptedGroupInfo: Uint8Array,
): EncryptedGroupSecrets {
  const [entry] = encryptGroupSecretsAll(cs, [keyPackage], [groupSecrets], encryptedGroupInfo);
  if (entry === undefined) throw new UsageError("no GroupSecrets entry was produced");
  return entry;
}

/**
 * `encryptGroupSecrets` for every new member of one Welcome (`groupSecrets[i]` for `keyPackages[i]`): the
 * HPKE encryptions are independent, so a big Welcome runs them on every core.
 */
export function encryptGroupSecretsAll(
  cs: CipherSuite,
  keyPackages: readonly KeyPackageWithBytes[],
  groupSecrets: readonly GroupSecrets[],
  encryptedGroupInfo: Uint8Array,
): EncryptedGroupSecrets[] {
  if (groupSecrets.length !== keyPackages.length) {
    throw new UsageError(`${keyPackages.length} KeyPackages but ${groupSecrets.length} GroupSecrets`);
  }
  const plaintexts = groupSecrets.map((g) => encode(g, encodeGroupSecrets));
  try {
    const items = keyPackages.map((kp, i) => {
      if (kp.keyPackage.cipherSuite !== cs.id) {
        const which = keyPackages.length === 1 ? "KeyPackage" : `KeyPackage ${i}`;
        throw new UsageError(
          `${which} is for cipher suite ${kp.keyPackage.cipherSuite}, the group uses ${cs.id}`,
        );
      }
      const plaintext = plaintexts[i] ?? new Uint8Array(0);
      return {
        publicKey: kp.keyPackage.initKey,
        label: WELCOME_LABEL,
        context: encryptedGroupInfo,
        plaintext,
      };
    });
    const sealed = encryptWithLabelAll(cs, items);
    return keyPackages.map((kp, i) => {
      const ct = sealed[i];
      if (ct === undefined) throw new UsageError(`no ciphertext for KeyPackage ${i}`);
      return {
        newMember: makeKeyPackageRef(cs, kp.keyPackageBytes),
        encryptedGroupSecrets: { kemOutput: ct.kemOutput, ciphertext: ct.ciphertext },
      };
    });
  } finally {
    for (const p of plaintexts) wipeBytes(p);
  }
}

/** §12.4.3.1: GroupSecrets whose secrets are not KDF.Nh bytes cannot come from this suite's key schedule. */
function checkSecretLengths(cs: CipherSuite, secrets: GroupSecrets): void {
  const bad =
    secrets.joinerSecret.length !== cs.hashLength ||
    (secrets.pathSecret !== undefined && secrets.pathSecret.pathSecret.length !== cs.hashLength);
  if (bad) {
    throw welcomeViolation(
      WelcomeRule.groupSecretsMalformed,
      `joiner_secret and path_secret must be KDF.Nh = ${cs.hashLength} bytes`,
    );
  }
}

/**
 * Joiner side: opens our entry with the KeyPackage's init private key and decodes it strictly.
 * WELCOME-4 when HPKE fails, WELCOME-5 when the plaintext is not exactly one well-formed GroupSecrets.
 */
export function decryptGroupSecrets(
  cs: CipherSuite,
  initPrivateKey: Uint8Array,
  entry: EncryptedGroupSecrets,
  encryptedGroupInfo: Uint8Array,
): GroupSecrets {
  let plaintext: Uint8Array;
  try {
    const { kemOutput, ciphertext } = entry.encryptedGroupSecrets;
    plaintext = decryptWithLabel(
      cs,
      initPrivateKey,
      WELCOME_LABEL,
      encryptedGroupInfo,
      kemOutput,
      ciphertext,
    );
  } catch (e) {
    throw welcomeViolation(
      WelcomeRule.groupSecretsDecrypt,
      "encrypted_group_secrets does not decrypt with the KeyPackage's init key",
      e,
    );
  }
  let secrets: GroupSecrets;
  try {
    const r = new Reader(plaintext);
    secrets = decodeGroupSecrets(r);
    r.done("GroupSecrets");
  } catch (e) {
    throw welcomeViolation(WelcomeRule.groupSecretsMalformed, "the decrypted GroupSecrets is malformed", e);
  } finally {
    wipeBytes(plaintext);
  }
  checkSecretLengths(cs, secrets);
  return secrets;
}
