/**
 * RFC 9420 §12.4.3.1 GroupSecrets: the per-joiner part of a Welcome (joiner_secret, an optional path secret,
 * the PSK ids), sealed with `EncryptWithLabel(init_key, "Welcome", encrypted_group_info, group_secrets)`.
 * Using the encrypted GroupInfo as the HPKE context binds each joiner's secrets to this one Welcome.
 */
import { Reader, encode } from "@parley/codec";
import { decodeGroupSecrets, encodeGroupSecrets } from "../codec/index.js";
import type { EncryptedGroupSecrets, GroupSecrets, KeyPackage } from "../codec/index.js";
import { decryptWithLabel, encryptWithLabel, makeKeyPackageRef } from "../crypto/labels.js";
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
  if (keyPackage.keyPackage.cipherSuite !== cs.id) {
    throw new UsageError(
      `KeyPackage is for cipher suite ${keyPackage.keyPackage.cipherSuite}, the group uses ${cs.id}`,
    );
  }
  const plaintext = encode(groupSecrets, encodeGroupSecrets);
  const sealed = encryptWithLabel(
    cs,
    keyPackage.keyPackage.initKey,
    WELCOME_LABEL,
    encryptedGroupInfo,
    plaintext,
  );
  wipeBytes(plaintext);
  return {
    newMember: makeKeyPackageRef(cs, keyPackage.keyPackageBytes),
    encryptedGroupSecrets: { kemOutput: sealed.kemOutput, ciphertext: sealed.ciphertext },
  };
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
