/** Members, KeyPackages and a small group for the group-lifecycle tests. */
import assert from "node:assert/strict";
import { basicCredential, basicCredentialValidator } from "../src/credential/index.js";
import type { CryptoProvider } from "../src/crypto/index.js";
import { nodeProvider } from "../src/crypto/index.js";
import { Group } from "../src/group/index.js";
import type { GroupConfig } from "../src/group/index.js";
import { createKeyPackage } from "../src/key-package/index.js";
import type { CreatedKeyPackage } from "../src/key-package/index.js";

export const SUITE = 1;

export function config(
  provider: CryptoProvider = nodeProvider,
  extra: Partial<GroupConfig> = {},
): GroupConfig {
  return { provider, validateCredential: basicCredentialValidator(), ...extra };
}

export function keyPackageFor(
  name: string,
  provider: CryptoProvider = nodeProvider,
  suite = SUITE,
): CreatedKeyPackage {
  const cs = provider.suite(suite);
  return createKeyPackage({
    provider,
    cipherSuite: suite,
    credential: basicCredential(new TextEncoder().encode(name)),
    signatureKeyPair: cs.generateSignatureKeyPair(),
  });
}

export function createGroup(
  name = "alice",
  provider: CryptoProvider = nodeProvider,
  extra: Partial<GroupConfig> = {},
): Group {
  const cs = provider.suite(SUITE);
  return Group.create(config(provider, extra), {
    cipherSuite: SUITE,
    credential: basicCredential(new TextEncoder().encode(name)),
    signatureKeyPair: cs.generateSignatureKeyPair(),
  });
}

/** Alice's group with the named members added in one Commit; every member's Group, in leaf order. */
export function groupOf(
  names: readonly string[],
  provider: CryptoProvider = nodeProvider,
  extra: Partial<GroupConfig> = {},
): Group[] {
  const alice = createGroup(names[0] ?? "alice", provider, extra);
  const kps = names.slice(1).map((n) => keyPackageFor(n, provider));
  if (kps.length === 0) return [alice];
  const { welcome } = alice.addMembers(kps.map((k) => k.keyPackage));
  alice.mergePendingCommit();
  assert.ok(welcome);
  const joined = kps.map((kp) =>
    Group.joinFromWelcome({ config: config(provider, extra), welcome, keyPackages: [kp] }),
  );
  return [alice, ...joined];
}

/** Delivers a Commit to every other member and merges it everywhere (the committer merges its pending one). */
export function deliverCommit(committer: Group, commit: Uint8Array, others: readonly Group[]): void {
  for (const g of others) {
    const out = g.process(commit);
    assert.equal(out.kind, "commit");
    if (out.kind === "commit") out.commit.merge();
  }
  committer.mergePendingCommit();
}

export function assertSameEpoch(groups: readonly Group[]): void {
  const first = groups[0];
  assert.ok(first);
  for (const g of groups) {
    assert.equal(g.epoch, first.epoch);
    assert.deepEqual(g.epochAuthenticator(), first.epochAuthenticator());
  }
}
