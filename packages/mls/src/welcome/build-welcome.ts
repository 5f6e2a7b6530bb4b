/**
 * RFC 9420 §12.4.3.1, sender side: the committer encrypts the signed GroupInfo once under the welcome secret,
 * then seals a GroupSecrets to each new member's init key with that ciphertext as context.
 */
import { encode } from "@parley/codec";
import { encodeGroupInfo } from "../codec/index.js";
import type { GroupInfo, GroupSecrets, PreSharedKeyID, Welcome } from "../codec/index.js";
import type { CipherSuite } from "../crypto/provider.js";
import { UsageError } from "../errors.js";
import { encryptGroupInfo } from "./group-info-encryption.js";
import { encryptGroupSecretsAll } from "./group-secrets.js";
import type { KeyPackageWithBytes } from "./group-secrets.js";

/** One new member: their KeyPackage and, when the Commit had a path, the path secret of §12.4.3.1. */
export interface WelcomeRecipient extends KeyPackageWithBytes {
  /** The path secret of the lowest node shared by the committer's and this member's direct paths. */
  readonly pathSecret?: Uint8Array;
}

export interface BuildWelcomeInput {
  readonly cs: CipherSuite;
  /** The signed GroupInfo of the new epoch (see `signGroupInfo`). */
  readonly groupInfo: GroupInfo;
  /** The new epoch's joiner_secret and welcome_secret, from the key schedule (§8). */
  readonly joinerSecret: Uint8Array;
  readonly welcomeSecret: Uint8Array;
  /** The Commit's PreSharedKey proposals' ids, in the Commit's order (§12.4.3.1, §8.4). */
  readonly psks?: readonly PreSharedKeyID[];
  readonly recipients: readonly WelcomeRecipient[];
}

/** Builds one Welcome for the given new members; the caller wipes joiner and welcome secrets afterwards. */
export function buildWelcome(input: BuildWelcomeInput): Welcome {
  const { cs, recipients } = input;
  if (recipients.length === 0) throw new UsageError("a Welcome needs at least one recipient");
  if (input.groupInfo.groupContext.cipherSuite !== cs.id) {
    throw new UsageError(
      `the GroupInfo is for suite ${input.groupInfo.groupContext.cipherSuite}, not ${cs.id}`,
    );
  }
  if (input.joinerSecret.length !== cs.hashLength) {
    throw new UsageError(
      `joiner_secret must be KDF.Nh = ${cs.hashLength} bytes, got ${input.joinerSecret.length}`,
    );
  }
  const encryptedGroupInfo = encryptGroupInfo(
    cs,
    input.welcomeSecret,
    encode(input.groupInfo, encodeGroupInfo),
  );
  const psks = input.psks ?? [];
  const groupSecrets = recipients.map((recipient): GroupSecrets => ({
    joinerSecret: input.joinerSecret,
    pathSecret: recipient.pathSecret === undefined ? undefined : { pathSecret: recipient.pathSecret },
    psks,
  }));
  const secrets = encryptGroupSecretsAll(cs, recipients, groupSecrets, encryptedGroupInfo);
  return { cipherSuite: cs.id, secrets, encryptedGroupInfo };
}
