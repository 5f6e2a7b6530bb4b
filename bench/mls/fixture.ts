/**
 * Members for the group benchmark: basic credentials, the node provider and cipher suite 1 (issue 4 fixes
 * both), KeyPackages made the way a client makes them, and small helpers that fail loudly when a message is
 * not what the step expects, so a broken group can never be timed as a fast one.
 */
import {
  basicCredential,
  basicCredentialValidator,
  createKeyPackage,
  Group,
  nodeProvider,
} from "@parley/mls";
import type { CreatedKeyPackage, GroupConfig } from "@parley/mls";

export const SUITE = 1;
export const provider = nodeProvider;

export const config: GroupConfig = { provider, validateCredential: basicCredentialValidator() };

const utf8 = new TextEncoder();

/** The KeyPackage member `i` publishes: fresh signature, init and leaf keys, all signed. */
export function memberKeyPackage(i: number): CreatedKeyPackage {
  const cs = provider.suite(SUITE);
  return createKeyPackage({
    provider,
    cipherSuite: SUITE,
    credential: basicCredential(utf8.encode(`member-${i}`)),
    signatureKeyPair: cs.generateSignatureKeyPair(),
  });
}

export function createCreatorGroup(): Group {
  return Group.create(config, {
    cipherSuite: SUITE,
    credential: basicCredential(utf8.encode("creator")),
    signatureKeyPair: provider.suite(SUITE).generateSignatureKeyPair(),
  });
}

/** Joins from a Welcome with the ratchet tree supplied out of band (§12.4.3.3). */
export function joinWithTree(welcome: Uint8Array, kp: CreatedKeyPackage, ratchetTree: Uint8Array): Group {
  return Group.joinFromWelcome({ config, welcome, keyPackages: [kp], ratchetTree });
}

/** Processes a Commit and merges it; anything but a Commit of the expected epoch is a benchmark failure. */
export function processAndMerge(group: Group, commit: Uint8Array): void {
  const before = group.epoch;
  const out = group.process(commit);
  if (out.kind !== "commit") throw new Error(`expected a commit, got a ${out.kind} message`);
  out.commit.merge();
  if (group.epoch !== before + 1n) throw new Error(`commit left the group at epoch ${group.epoch}`);
}

export function requireWelcome(welcome: Uint8Array | undefined): Uint8Array {
  if (welcome === undefined) throw new Error("the add commit produced no Welcome");
  return welcome;
}

export function requireAt<T>(items: readonly T[], index: number, what: string): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no ${what} at index ${index}`);
  return item;
}
