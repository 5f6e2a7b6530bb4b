import { test } from "node:test";
import assert from "node:assert/strict";
import { bytesEqual } from "@parley/codec";
import { PSKType } from "../src/codec/index.js";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";
import { computeInterimTranscriptHash } from "../src/schedule/index.js";
import {
  decodeWelcomeMessage,
  decryptGroupInfo,
  encodeWelcomeMessage,
  encryptGroupInfo,
  processWelcome,
} from "../src/welcome/index.js";
import { joinInput, joinerKeyPackage, scenario, seal } from "./welcome-fixture.js";
import { member } from "./key-package-fixture.js";

for (const provider of [nodeProvider, nobleProvider]) {
  for (const suite of [1, 2, 3]) {
    test(`Welcome round trip, suite ${suite} (${provider.name}): the joiner reaches the committer's epoch`, () => {
      const s = scenario(provider, suite);
      const pathSecret = provider.randomBytes(s.cs.hashLength);
      const sealed = seal(s, { pathSecret });
      const welcome = decodeWelcomeMessage(encodeWelcomeMessage(sealed.welcome));
      const joined = processWelcome(joinInput(s, welcome));
      assert.deepEqual(joined.groupContext, sealed.groupContext);
      assert.ok(bytesEqual(joined.epochSecrets.epochAuthenticator, sealed.epochAuthenticator));
      assert.ok(bytesEqual(joined.groupSecrets.joinerSecret, sealed.joinerSecret));
      assert.ok(bytesEqual(joined.groupSecrets.pathSecret?.pathSecret ?? new Uint8Array(0), pathSecret));
      assert.equal(joined.keyPackage.keyPackageBytes, s.joiner.created.keyPackageBytes);
      const interim = computeInterimTranscriptHash(
        s.cs,
        sealed.groupContext.confirmedTranscriptHash,
        joined.groupInfo.confirmationTag,
      );
      assert.ok(bytesEqual(joined.interimTranscriptHash, interim));
    });
  }
}

test("Welcome for two joiners: each finds its own entry among its KeyPackages", () => {
  const s = scenario(nodeProvider);
  const other = member(nodeProvider, 1);
  const sealed = seal(s, { recipients: [other, s.joiner] });
  assert.equal(sealed.welcome.secrets.length, 2);
  const unrelated = joinerKeyPackage(member(nodeProvider, 1));
  for (const m of [s.joiner, other]) {
    const joined = processWelcome(
      joinInput(s, sealed.welcome, { keyPackages: [unrelated, joinerKeyPackage(m)] }),
    );
    assert.equal(joined.keyPackage.keyPackageBytes, m.created.keyPackageBytes);
    assert.ok(bytesEqual(joined.epochSecrets.epochAuthenticator, sealed.epochAuthenticator));
    assert.equal(joined.groupSecrets.pathSecret, undefined);
  }
});

test("Welcome with an external PSK: joins when the lookup returns the PSK", () => {
  const s = scenario(nodeProvider);
  const id = {
    pskType: PSKType.external,
    pskId: new TextEncoder().encode("psk-1"),
    pskNonce: nodeProvider.randomBytes(32),
  } as const;
  const psk = nodeProvider.randomBytes(32);
  const sealed = seal(s, { psks: [{ id, psk }] });
  const joined = processWelcome(
    joinInput(s, sealed.welcome, {
      resolvePsk: (asked) => (asked.pskType === PSKType.external ? psk : undefined),
    }),
  );
  assert.ok(bytesEqual(joined.epochSecrets.epochAuthenticator, sealed.epochAuthenticator));
});

test("Welcome signer given as an explicit public key instead of a tree", () => {
  const s = scenario(nobleProvider);
  const sealed = seal(s);
  const joined = processWelcome(
    joinInput(s, sealed.welcome, { signer: { publicKey: s.committer.signature.publicKey } }),
  );
  assert.deepEqual(joined.groupContext, sealed.groupContext);
});

test("GroupInfo encryption: welcome_key/nonce depend on the welcome secret, and a wrong length is refused", () => {
  const cs = nodeProvider.suite(1);
  const secret = nodeProvider.randomBytes(32);
  const plaintext = new TextEncoder().encode("group info bytes");
  const sealed = encryptGroupInfo(cs, secret, plaintext);
  assert.deepEqual(decryptGroupInfo(cs, secret, sealed), plaintext);
  assert.throws(() => decryptGroupInfo(cs, nodeProvider.randomBytes(32), sealed), { name: "CryptoError" });
  assert.throws(() => encryptGroupInfo(cs, secret.subarray(1), plaintext), /welcome_secret must be KDF.Nh/);
});
