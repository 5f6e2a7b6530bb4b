/**
 * RFC 9420 §8 "Key Schedule": init_secret + commit_secret → joiner_secret; joiner_secret + psk_secret →
 * welcome_secret and epoch_secret; epoch_secret → the epoch-derived secrets and the next init_secret.
 *
 * These functions never wipe their inputs: processing a Commit derives the new epoch *before* checking its
 * confirmation tag, and a failed check must leave the old epoch (and its init_secret) usable. They do wipe
 * their own intermediates (the extracted member secret and epoch_secret) as soon as they are consumed (§9.2).
 */
import { encode } from "@parley/codec";
import type { CipherSuite } from "../crypto/provider.js";
import { deriveSecret, expandWithLabel } from "../crypto/labels.js";
import { encodeGroupContext } from "../codec/index.js";
import type { GroupContext } from "../codec/index.js";
import { UsageError } from "../errors.js";
import { EpochSecrets } from "./epoch-secrets.js";
import { Secret, wipeBytes } from "./secret.js";

/** The all-zero string of length `KDF.Nh`: §8's `0`, also the commit_secret of a Commit without a path. */
export function zeroSecret(cs: CipherSuite): Uint8Array {
  return new Uint8Array(cs.hashLength);
}

/** The encoded GroupContext, which is the context of the "joiner" and "epoch" expansions. */
export function groupContextBytes(context: GroupContext): Uint8Array {
  return encode(context, encodeGroupContext);
}

function checkLength(cs: CipherSuite, value: Uint8Array, what: string): void {
  if (value.length !== cs.hashLength) {
    throw new UsageError(`${what} must be KDF.Nh = ${cs.hashLength} bytes, got ${value.length}`);
  }
}

/** §8: `joiner_secret = ExpandWithLabel(KDF.Extract(init_secret, commit_secret), "joiner", GroupContext_[n], Nh)`. */
export function deriveJoinerSecret(
  cs: CipherSuite,
  initSecret: Uint8Array,
  commitSecret: Uint8Array,
  groupContext: Uint8Array,
): Secret {
  checkLength(cs, commitSecret, "commit_secret");
  // §8: Extract takes its salt from the top of the diagram (init_secret) and its IKM from the left.
  const prk = cs.kdfExtract(initSecret, commitSecret);
  const joiner = expandWithLabel(cs, prk, "joiner", groupContext, cs.hashLength);
  wipeBytes(prk);
  return new Secret(joiner, "joiner_secret");
}

/** §8: the unnamed `KDF.Extract(joiner_secret, psk_secret)` from which welcome and epoch secrets branch. */
function extractMemberSecret(cs: CipherSuite, joinerSecret: Uint8Array, pskSecret: Uint8Array): Uint8Array {
  checkLength(cs, pskSecret, "psk_secret");
  return cs.kdfExtract(joinerSecret, pskSecret);
}

/** §8: `welcome_secret = DeriveSecret(KDF.Extract(joiner_secret, psk_secret), "welcome")` (§12.4.3.1). */
export function deriveWelcomeSecret(
  cs: CipherSuite,
  joinerSecret: Uint8Array,
  pskSecret: Uint8Array,
): Secret {
  const member = extractMemberSecret(cs, joinerSecret, pskSecret);
  const welcome = deriveSecret(cs, member, "welcome");
  wipeBytes(member);
  return new Secret(welcome, "welcome_secret");
}

/**
 * §8: `epoch_secret = ExpandWithLabel(KDF.Extract(joiner_secret, psk_secret), "epoch", GroupContext_[n], Nh)`
 * and everything derived from it. Used directly by a joiner that learnt joiner_secret from a Welcome.
 */
export function deriveEpochSecrets(
  cs: CipherSuite,
  joinerSecret: Uint8Array,
  pskSecret: Uint8Array,
  groupContext: Uint8Array,
): EpochSecrets {
  const member = extractMemberSecret(cs, joinerSecret, pskSecret);
  const epochSecret = expandWithLabel(cs, member, "epoch", groupContext, cs.hashLength);
  wipeBytes(member);
  const secrets = new EpochSecrets(cs, epochSecret);
  wipeBytes(epochSecret);
  return secrets;
}

/** The inputs of one run of the key schedule by an existing member (§12.4.2 "Processing a Commit"). */
export interface KeyScheduleInput {
  /** `init_secret_[n-1]`, or the init_secret from an ExternalInit (§8.3). */
  initSecret: Uint8Array;
  /** The last path secret's successor, or `zeroSecret(cs)` for a Commit without a path. */
  commitSecret: Uint8Array;
  /** From `computePskSecret`; the all-zero string when no PSK is injected. */
  pskSecret?: Uint8Array;
  /** GroupContext_[n] of the new epoch. */
  groupContext: GroupContext;
}

/** Everything one epoch transition produces; the caller wipes `joinerSecret` once Welcomes are built. */
export interface KeyScheduleOutput {
  joinerSecret: Secret;
  welcomeSecret: Secret;
  epoch: EpochSecrets;
}

/** Runs the full §8 schedule for a new epoch. */
export function runKeySchedule(cs: CipherSuite, input: KeyScheduleInput): KeyScheduleOutput {
  const context = groupContextBytes(input.groupContext);
  const psk = input.pskSecret ?? zeroSecret(cs);
  const joinerSecret = deriveJoinerSecret(cs, input.initSecret, input.commitSecret, context);
  const welcomeSecret = deriveWelcomeSecret(cs, joinerSecret.bytes, psk);
  const epoch = deriveEpochSecrets(cs, joinerSecret.bytes, psk, context);
  return { joinerSecret, welcomeSecret, epoch };
}
