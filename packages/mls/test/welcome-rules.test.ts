import { test } from "node:test";
import assert from "node:assert/strict";
import { CodecError, concatBytes, encode } from "@parley/codec";
import { PSKType, ResumptionPSKUsage, WireFormat, encodeMLSMessage } from "../src/codec/index.js";
import type { PreSharedKeyID } from "../src/codec/index.js";
import { encryptWithLabel, makeKeyPackageRef, nodeProvider } from "../src/crypto/index.js";
import { ValidationError } from "../src/errors.js";
import { WelcomeRule, decodeWelcomeMessage, processWelcome } from "../src/welcome/index.js";
import type { WelcomeRuleId } from "../src/welcome/index.js";
import { flipBit, member } from "./key-package-fixture.js";
import { joinInput, joinerKeyPackage, scenario, seal } from "./welcome-fixture.js";

function assertRule(fn: () => unknown, rule: WelcomeRuleId): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ValidationError, `expected a ValidationError, got ${String(e)}`);
    assert.equal(e.rule, rule.id);
    assert.equal(e.section, rule.section);
    return true;
  });
}

const s = scenario(nodeProvider);
const nonce = () => nodeProvider.randomBytes(32);
const external = (name: string): PreSharedKeyID => ({
  pskType: PSKType.external,
  pskId: new TextEncoder().encode(name),
  pskNonce: nonce(),
});
const resumption = (usage: ResumptionPSKUsage): PreSharedKeyID => ({
  pskType: PSKType.resumption,
  usage,
  pskGroupId: new TextEncoder().encode("old group"),
  pskEpoch: 7n,
  pskNonce: nonce(),
});

test("the rule catalogue has unique ids", () => {
  const ids = Object.values(WelcomeRule).map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
});

test("WELCOME-1: an MLSMessage that is not a Welcome is refused; a truncated one is a CodecError", () => {
  assertRule(() => decodeWelcomeMessage(s.joiner.created.messageBytes), WelcomeRule.wireFormat);
  const bytes = encode({ wireFormat: WireFormat.mlsWelcome, welcome: seal(s).welcome }, encodeMLSMessage);
  assert.throws(() => decodeWelcomeMessage(bytes.subarray(0, bytes.length - 1)), CodecError);
});

test("WELCOME-2: no secrets entry names one of our KeyPackages", () => {
  const { welcome } = seal(s);
  const stranger = joinerKeyPackage(member(nodeProvider, 1));
  assertRule(() => processWelcome(joinInput(s, welcome, { keyPackages: [stranger] })), WelcomeRule.noEntry);
  assertRule(() => processWelcome(joinInput(s, welcome, { keyPackages: [] })), WelcomeRule.noEntry);
});

test("WELCOME-3: the entry names a KeyPackage of another cipher suite", () => {
  const { welcome } = seal(s);
  const other = joinerKeyPackage(member(nodeProvider, 3));
  const entry = welcome.secrets[0];
  assert.ok(entry !== undefined);
  const forged = {
    ...welcome,
    secrets: [{ ...entry, newMember: makeKeyPackageRef(s.cs, other.keyPackageBytes) }],
  };
  assertRule(
    () => processWelcome(joinInput(s, forged, { keyPackages: [other] })),
    WelcomeRule.keyPackageSuite,
  );
});

test("WELCOME-4: encrypted_group_secrets does not open (wrong init key, or tampered ciphertext)", () => {
  const { welcome } = seal(s);
  const wrongKey = { ...joinerKeyPackage(s.joiner), initPrivateKey: s.cs.hpke.generateKeyPair().privateKey };
  assertRule(
    () => processWelcome(joinInput(s, welcome, { keyPackages: [wrongKey] })),
    WelcomeRule.groupSecretsDecrypt,
  );
  const entry = welcome.secrets[0];
  assert.ok(entry !== undefined);
  const ct = entry.encryptedGroupSecrets;
  const tampered = {
    ...welcome,
    secrets: [{ ...entry, encryptedGroupSecrets: { ...ct, ciphertext: flipBit(ct.ciphertext, -1) } }],
  };
  assertRule(() => processWelcome(joinInput(s, tampered)), WelcomeRule.groupSecretsDecrypt);
  // The encrypted GroupInfo is the HPKE context: changing it also stops the secrets from opening.
  const moved = { ...welcome, encryptedGroupInfo: flipBit(welcome.encryptedGroupInfo, 0) };
  assertRule(() => processWelcome(joinInput(s, moved)), WelcomeRule.groupSecretsDecrypt);
});

test("WELCOME-5: the decrypted GroupSecrets is malformed or has a short joiner_secret", () => {
  const { welcome } = seal(s);
  const entry = welcome.secrets[0];
  assert.ok(entry !== undefined);
  const initKey = s.joiner.created.keyPackage.initKey;
  for (const plaintext of [
    Uint8Array.of(0x05, 1, 2, 3),
    Uint8Array.of(0x01, 0xaa, 0x00, 0x00),
    Uint8Array.of(0x20, ...new Uint8Array(32), 0x00, 0x00, 0xff),
  ]) {
    const sealed = encryptWithLabel(s.cs, initKey, "Welcome", welcome.encryptedGroupInfo, plaintext);
    const bad = { ...welcome, secrets: [{ ...entry, encryptedGroupSecrets: sealed }] };
    assertRule(() => processWelcome(joinInput(s, bad)), WelcomeRule.groupSecretsMalformed);
  }
});

test("WELCOME-6: a named PSK the client does not hold", () => {
  const id = external("psk-1");
  const { welcome } = seal(s, { psks: [{ id, psk: nonce() }] });
  assertRule(() => processWelcome(joinInput(s, welcome)), WelcomeRule.pskMissing);
  assertRule(
    () => processWelcome(joinInput(s, welcome, { resolvePsk: () => undefined })),
    WelcomeRule.pskMissing,
  );
});

test("WELCOME-7: two reinit/branch resumption PSKs", () => {
  const pskIds = [resumption(ResumptionPSKUsage.reinit), resumption(ResumptionPSKUsage.branch)];
  const { welcome } = seal(s, { pskIds });
  assertRule(
    () => processWelcome(joinInput(s, welcome, { resolvePsk: () => nonce() })),
    WelcomeRule.pskResumptionUsage,
  );
});

test("WELCOME-8: encrypted_group_info does not open with the joiner's welcome secret", () => {
  const { welcome } = seal(s, { welcomeSecret: nonce() });
  assertRule(() => processWelcome(joinInput(s, welcome)), WelcomeRule.groupInfoDecrypt);
  // Same failure when the PSK the sender used differs from the one the joiner holds.
  const id = external("psk-2");
  const withPsk = seal(s, { psks: [{ id, psk: nonce() }] }).welcome;
  assertRule(
    () => processWelcome(joinInput(s, withPsk, { resolvePsk: () => nonce() })),
    WelcomeRule.groupInfoDecrypt,
  );
});

test("WELCOME-9: the decrypted GroupInfo is malformed (garbage, or trailing bytes)", () => {
  const { welcome } = seal(s, { groupInfoBytes: Uint8Array.of(0, 1, 2, 3) });
  assertRule(() => processWelcome(joinInput(s, welcome)), WelcomeRule.groupInfoMalformed);
  const trailing = concatBytes(seal(s).groupInfoBytes, Uint8Array.of(0));
  const extra = seal(s, { groupInfoBytes: trailing }).welcome;
  assertRule(() => processWelcome(joinInput(s, extra)), WelcomeRule.groupInfoMalformed);
});

test("WELCOME-10: the signer leaf is outside the tree", () => {
  const { welcome } = seal(s, { tbs: { signer: 3 } });
  assertRule(() => processWelcome(joinInput(s, welcome)), WelcomeRule.signerLeaf);
});

test("WELCOME-11: the GroupInfo signature does not verify", () => {
  const { welcome } = seal(s, { signatureKey: s.cs.generateSignatureKeyPair().privateKey });
  assertRule(() => processWelcome(joinInput(s, welcome)), WelcomeRule.groupInfoSignature);
  const good = seal(s).welcome;
  const wrongKey = { publicKey: s.joiner.signature.publicKey };
  assertRule(() => processWelcome(joinInput(s, good, { signer: wrongKey })), WelcomeRule.groupInfoSignature);
  const badKey = { publicKey: Uint8Array.of(1, 2, 3) };
  assertRule(() => processWelcome(joinInput(s, good, { signer: badKey })), WelcomeRule.groupInfoSignature);
});

test("WELCOME-12: the GroupInfo names another cipher suite (buildWelcome refuses to build one)", () => {
  assert.throws(() => seal(s, { context: { cipherSuite: 3 } }), { name: "UsageError" });
  const { welcome } = seal(s, { context: { cipherSuite: 3 }, bypassBuilder: true });
  assertRule(() => processWelcome(joinInput(s, welcome)), WelcomeRule.groupInfoSuite);
});

test("WELCOME-13: the client is already in a group with this group_id", () => {
  const { welcome } = seal(s);
  assertRule(
    () => processWelcome(joinInput(s, welcome, { isKnownGroupId: () => true })),
    WelcomeRule.groupIdUnique,
  );
});

test("WELCOME-14: the supplied tree's hash differs from GroupInfo tree_hash", () => {
  const { welcome } = seal(s, { context: { treeHash: nonce() } });
  assertRule(() => processWelcome(joinInput(s, welcome)), WelcomeRule.treeHash);
});

test("WELCOME-15: the confirmation tag does not verify", () => {
  const { welcome } = seal(s, { tbs: { confirmationTag: nonce() } });
  assertRule(() => processWelcome(joinInput(s, welcome)), WelcomeRule.confirmationTag);
});

test("WELCOME-16: a reinit PSK with a GroupInfo epoch other than 1; epoch 1 is accepted", () => {
  const psk = nonce();
  const id = resumption(ResumptionPSKUsage.reinit);
  const resolvePsk = () => psk;
  const wrongEpoch = seal(s, { psks: [{ id, psk }], context: { epoch: 4n } }).welcome;
  assertRule(() => processWelcome(joinInput(s, wrongEpoch, { resolvePsk })), WelcomeRule.resumptionEpoch);
  const epochOne = seal(s, { psks: [{ id, psk }] }).welcome;
  assert.equal(processWelcome(joinInput(s, epochOne, { resolvePsk })).groupContext.epoch, 1n);
});
