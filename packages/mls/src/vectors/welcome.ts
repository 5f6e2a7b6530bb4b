/**
 * Runner for the MLS interop `welcome.json` vectors (RFC 9420 §12.4.3.1). One case per JSON element: the
 * joiner side processes `welcome` (an MLSMessage) for `key_package` (an MLSMessage) with `init_priv`. The
 * vectors carry no ratchet tree, so the GroupInfo signature is checked with `signer_pub` instead of a leaf
 * key and the tree hash is not checked; everything else runs as for a real joiner: our entry found by
 * KeyPackageRef, GroupSecrets opened, GroupInfo opened and its signature verified, the key schedule rerun and
 * the confirmation tag verified against the confirmed transcript hash.
 */
import type { CryptoProvider } from "../crypto/provider.js";
import { decodeUnverifiedKeyPackageMessage } from "../key-package/unverified-key-package.js";
import { decodeWelcomeMessage } from "../welcome/welcome-message.js";
import { processWelcome } from "../welcome/process-welcome.js";
import type { VectorOutcome, VectorRunner } from "./types.js";
import { hex, runCases } from "./vector-case.js";

export const run: VectorRunner = (data: unknown, provider: CryptoProvider): VectorOutcome =>
  runCases("welcome", data, provider, (cs, c, diffs) => {
    const keyPackage = decodeUnverifiedKeyPackageMessage(hex(c, "key_package"));
    const welcome = decodeWelcomeMessage(hex(c, "welcome"));
    diffs.check(
      `welcome cipher_suite ${welcome.cipherSuite} differs from the case's`,
      welcome.cipherSuite === cs.id,
    );
    const joined = processWelcome({
      provider,
      welcome,
      keyPackages: [{ ...keyPackage, initPrivateKey: hex(c, "init_priv") }],
      signer: { publicKey: hex(c, "signer_pub") },
    });
    diffs.check(
      `GroupInfo cipher_suite ${joined.groupContext.cipherSuite} differs from the case's`,
      joined.groupContext.cipherSuite === cs.id,
    );
    joined.epochSecrets.wipe();
  });
