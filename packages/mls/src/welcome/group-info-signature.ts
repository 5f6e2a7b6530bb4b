/**
 * RFC 9420 §12.4.3: `GroupInfo.signature = SignWithLabel(signer_priv, "GroupInfoTBS", GroupInfoTBS)`, made by
 * the member at leaf index `signer`. It is what lets a joiner trust the group state a committer hands over.
 */
import { encode } from "@parley/codec";
import { encodeGroupInfoTBS } from "../codec/index.js";
import type { GroupInfo, GroupInfoTBS } from "../codec/index.js";
import { signWithLabel, verifyWithLabel } from "../crypto/labels.js";
import type { CipherSuite } from "../crypto/provider.js";
import { WelcomeRule, welcomeViolation } from "./rules.js";

const GROUP_INFO_LABEL = "GroupInfoTBS";

/** Signs a GroupInfoTBS as the member whose signature private key is given. */
export function signGroupInfo(cs: CipherSuite, signerPrivateKey: Uint8Array, tbs: GroupInfoTBS): GroupInfo {
  const signature = signWithLabel(cs, signerPrivateKey, GROUP_INFO_LABEL, encode(tbs, encodeGroupInfoTBS));
  return {
    groupContext: tbs.groupContext,
    extensions: tbs.extensions,
    confirmationTag: tbs.confirmationTag,
    signer: tbs.signer,
    signature,
  };
}

/**
 * §12.4.3: "New members also MUST verify the signature using the public key taken from the leaf node of the
 * ratchet tree with leaf index signer". Throws WELCOME-11 when it does not verify.
 */
export function verifyGroupInfoSignature(
  cs: CipherSuite,
  signerPublicKey: Uint8Array,
  groupInfo: GroupInfo,
): void {
  const tbs = encode(groupInfo, encodeGroupInfoTBS);
  let ok: boolean;
  try {
    ok = verifyWithLabel(cs, signerPublicKey, GROUP_INFO_LABEL, tbs, groupInfo.signature);
  } catch (e) {
    throw welcomeViolation(
      WelcomeRule.groupInfoSignature,
      `the signature key of signer ${groupInfo.signer} is not a valid key for suite ${cs.id}`,
      e,
    );
  }
  if (!ok) {
    throw welcomeViolation(
      WelcomeRule.groupInfoSignature,
      `the GroupInfo signature does not verify under the key of signer ${groupInfo.signer}`,
    );
  }
}
