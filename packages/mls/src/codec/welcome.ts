import type { Reader, Writer } from "@parley/codec";
import { type HPKECiphertext, decodeHPKECiphertext, encodeHPKECiphertext } from "./hpke-ciphertext.js";
import { type PreSharedKeyID, decodePreSharedKeyID, encodePreSharedKeyID } from "./psk.js";

/** RFC 9420 §12.4.3.1 PathSecret: the secret of the lowest node shared by committer and joiner. */
export interface PathSecret {
  readonly pathSecret: Uint8Array;
}

/** RFC 9420 §12.4.3.1 GroupSecrets: the HPKE-encrypted part of a Welcome, one per joiner. */
export interface GroupSecrets {
  readonly joinerSecret: Uint8Array;
  readonly pathSecret?: PathSecret | undefined;
  /** Must list the same PSKs, in the same order, as the Commit (§8.4). */
  readonly psks: readonly PreSharedKeyID[];
}

/** RFC 9420 §12.4.3.1 EncryptedGroupSecrets: GroupSecrets sealed to one joiner's KeyPackage init key. */
export interface EncryptedGroupSecrets {
  /** KeyPackageRef (§5.2) of the joiner's KeyPackage. */
  readonly newMember: Uint8Array;
  readonly encryptedGroupSecrets: HPKECiphertext;
}

/** RFC 9420 §12.4.3.1 Welcome. */
export interface Welcome {
  readonly cipherSuite: number;
  readonly secrets: readonly EncryptedGroupSecrets[];
  readonly encryptedGroupInfo: Uint8Array;
}

export function encodePathSecret(w: Writer, v: PathSecret): void {
  w.opaque(v.pathSecret);
}

export function decodePathSecret(r: Reader, path = "PathSecret"): PathSecret {
  return { pathSecret: r.opaque(`${path}.path_secret`) };
}

export function encodeGroupSecrets(w: Writer, v: GroupSecrets): void {
  w.opaque(v.joinerSecret).optional(v.pathSecret, encodePathSecret).vector(v.psks, encodePreSharedKeyID);
}

export function decodeGroupSecrets(r: Reader, path = "GroupSecrets"): GroupSecrets {
  const pathSecret = `${path}.path_secret`;
  const psks = `${path}.psks`;
  return {
    joinerSecret: r.opaque(`${path}.joiner_secret`),
    pathSecret: r.optional(pathSecret, (o) => decodePathSecret(o, pathSecret)),
    psks: r.vector(psks, (sub, i) => decodePreSharedKeyID(sub, `${psks}[${i}]`)),
  };
}

export function encodeEncryptedGroupSecrets(w: Writer, v: EncryptedGroupSecrets): void {
  w.opaque(v.newMember);
  encodeHPKECiphertext(w, v.encryptedGroupSecrets);
}

export function decodeEncryptedGroupSecrets(
  r: Reader,
  path = "EncryptedGroupSecrets",
): EncryptedGroupSecrets {
  return {
    newMember: r.opaque(`${path}.new_member`),
    encryptedGroupSecrets: decodeHPKECiphertext(r, `${path}.encrypted_group_secrets`),
  };
}

export function encodeWelcome(w: Writer, v: Welcome): void {
  w.u16(v.cipherSuite).vector(v.secrets, encodeEncryptedGroupSecrets).opaque(v.encryptedGroupInfo);
}

export function decodeWelcome(r: Reader, path = "Welcome"): Welcome {
  const secrets = `${path}.secrets`;
  return {
    cipherSuite: r.u16(`${path}.cipher_suite`),
    secrets: r.vector(secrets, (sub, i) => decodeEncryptedGroupSecrets(sub, `${secrets}[${i}]`)),
    encryptedGroupInfo: r.opaque(`${path}.encrypted_group_info`),
  };
}
