/** RFC 9420 §5.3 X.509 credentials, checked against chains made with `openssl` at test time. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CredentialType } from "../src/codec/index.js";
import { nobleProvider, nodeProvider } from "../src/crypto/index.js";
import {
  basicCredential,
  credentialValidatorByType,
  x509Credential,
  x509CredentialValidator,
} from "../src/credential/index.js";
import type { CredentialContext } from "../src/credential/index.js";
import { UsageError, ValidationError } from "../src/errors.js";
import {
  createKeyPackage,
  decodeUnverifiedKeyPackageMessage,
  validateKeyPackage,
} from "../src/key-package/index.js";
import { createTestPkis } from "./credential-x509-fixture.js";
import type { Pki, PkiAlgorithm, TestPkis } from "./credential-x509-fixture.js";

const DAY = 24 * 3600 * 1000;
let pkis: TestPkis | undefined;

before(() => {
  pkis = createTestPkis();
});

after(() => pkis?.remove());

function pki(alg: PkiAlgorithm): Pki {
  if (pkis === undefined) throw new Error("test PKIs not created");
  return pkis.get(alg);
}

const ALGS = ["ed25519", "p256"] as const;
const context = (now = new Date()): CredentialContext => ({ use: "key_package", cipherSuite: 1, now });

function rejects(fn: () => unknown, rule: string, what: string): void {
  assert.throws(
    fn,
    (e: unknown) => e instanceof ValidationError && e.rule === rule,
    `${what}: expected ${rule}`,
  );
}

test("a valid chain to a trust anchor is accepted, with or without the root, or pinned at the intermediate", () => {
  for (const alg of ALGS) {
    const p = pki(alg);
    const key = p.leafKeys.publicKey;
    x509CredentialValidator({ trustAnchors: [p.root] })(
      x509Credential([p.leaf, p.intermediate]),
      key,
      context(),
    );
    x509CredentialValidator({ trustAnchors: [p.otherRoot, p.rootDer] })(
      x509Credential([p.leaf, p.intermediate, p.rootDer]),
      key,
      context(),
    );
    x509CredentialValidator({ trustAnchors: [p.intermediate] })(x509Credential([p.leaf]), key, context());
  }
});

test("CRED-6: a chain to an anchor that is not trusted, or missing its intermediate, is rejected", () => {
  for (const alg of ALGS) {
    const p = pki(alg);
    const key = p.leafKeys.publicKey;
    rejects(
      () =>
        x509CredentialValidator({ trustAnchors: [p.otherRoot] })(
          x509Credential([p.leaf, p.intermediate]),
          key,
          context(),
        ),
      "CRED-6",
      alg,
    );
    rejects(
      () =>
        x509CredentialValidator({ trustAnchors: [p.otherRoot] })(
          x509Credential([p.leaf, p.intermediate, p.rootDer]),
          key,
          context(),
        ),
      "CRED-6",
      alg,
    );
    rejects(
      () => x509CredentialValidator({ trustAnchors: [p.root] })(x509Credential([p.leaf]), key, context()),
      "CRED-6",
      alg,
    );
  }
});

test("CRED-7: certificates outside their validity period (expired or not yet valid) are rejected", () => {
  for (const alg of ALGS) {
    const p = pki(alg);
    const cred = x509Credential([p.leaf, p.intermediate]);
    const key = p.leafKeys.publicKey;
    const validate = x509CredentialValidator({ trustAnchors: [p.root] });
    rejects(() => validate(cred, key, context(new Date(Date.now() + 60 * DAY))), "CRED-7", alg);
    rejects(() => validate(cred, key, context(new Date(Date.now() - 2 * DAY))), "CRED-7", alg);
    const fixedLater = x509CredentialValidator({
      trustAnchors: [p.root],
      now: new Date(Date.now() + 60 * DAY),
    });
    rejects(() => fixedLater(cred, key, context()), "CRED-7", alg);
  }
});

test("CRED-4: an end-entity key that is not the signature key is rejected", () => {
  for (const alg of ALGS) {
    const p = pki(alg);
    const validate = x509CredentialValidator({ trustAnchors: [p.root] });
    const cred = x509Credential([p.leaf, p.intermediate]);
    const other = nodeProvider.suite(alg === "ed25519" ? 1 : 2).generateSignatureKeyPair().publicKey;
    rejects(() => validate(cred, other, context()), "CRED-4", alg);
    rejects(() => validate(cred, p.leafKeys.publicKey.subarray(1), context()), "CRED-4", alg);
  }
});

test("CRED-5: a chain out of order, or with a non-CA issuer, is rejected", () => {
  for (const alg of ALGS) {
    const p = pki(alg);
    const validate = x509CredentialValidator({ trustAnchors: [p.root] });
    const key = p.leafKeys.publicKey;
    rejects(
      () => validate(x509Credential([p.leaf, p.rootDer, p.intermediate]), key, context()),
      "CRED-5",
      alg,
    );
    rejects(
      () => validate(x509Credential([p.leaf, p.intermediate, p.intermediate]), key, context()),
      "CRED-5",
      alg,
    );
    const rogue = x509Credential([p.rogueLeaf, p.rogueIssuer]);
    rejects(() => validate(rogue, p.rogueLeafKey, context()), "CRED-5", alg);
  }
});

test("CRED-3: an empty, overlong or non-DER certificate list is rejected", () => {
  const p = pki("ed25519");
  const validate = x509CredentialValidator({ trustAnchors: [p.root] });
  const key = p.leafKeys.publicKey;
  rejects(() => validate(x509Credential([]), key, context()), "CRED-3", "empty");
  rejects(
    () => validate(x509Credential([Uint8Array.of(0x30, 0x03, 1, 2, 3)]), key, context()),
    "CRED-3",
    "garbage",
  );
  rejects(
    () => validate(x509Credential([p.leaf, p.rootDer.subarray(0, 40)]), key, context()),
    "CRED-3",
    "truncated",
  );
  rejects(
    () => validate(x509Credential(Array.from({ length: 11 }, () => p.intermediate)), key, context()),
    "CRED-3",
    "long",
  );
});

test("CRED-1 and CRED-2: non-X.509 credentials and identities the application refuses are rejected", () => {
  const p = pki("p256");
  const key = p.leafKeys.publicKey;
  const cred = x509Credential([p.leaf, p.intermediate]);
  rejects(
    () =>
      x509CredentialValidator({ trustAnchors: [p.root] })(basicCredential(Uint8Array.of(1)), key, context()),
    "CRED-1",
    "basic",
  );
  const forAlice = x509CredentialValidator({
    trustAnchors: [p.root],
    checkCertificate: (c) => c.checkEmail("alice@example.com") !== undefined,
  });
  forAlice(cred, key, context());
  const forBob = x509CredentialValidator({
    trustAnchors: [p.root],
    checkCertificate: (c) => c.checkEmail("bob@example.com") !== undefined,
  });
  rejects(() => forBob(cred, key, context()), "CRED-2", "bob");
});

test("a validator without usable trust anchors is a configuration error", () => {
  assert.throws(() => x509CredentialValidator({ trustAnchors: [] }), UsageError);
  assert.throws(
    () =>
      x509CredentialValidator({
        trustAnchors: ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"],
      }),
    UsageError,
  );
});

test("KeyPackages with X.509 credentials validate end to end with both providers (suites 1 and 2)", () => {
  for (const provider of [nodeProvider, nobleProvider]) {
    for (const [alg, suite] of [
      ["ed25519", 1],
      ["p256", 2],
    ] as const) {
      const p = pki(alg);
      const created = createKeyPackage({
        provider,
        cipherSuite: suite,
        credential: x509Credential([p.leaf, p.intermediate]),
        signatureKeyPair: p.leafKeys,
      });
      const validateCredential = credentialValidatorByType({
        [CredentialType.x509]: x509CredentialValidator({ trustAnchors: [p.root] }),
      });
      const options = { provider, validateCredential };
      validateKeyPackage(decodeUnverifiedKeyPackageMessage(created.messageBytes), options);
      const stranger = createKeyPackage({
        provider,
        cipherSuite: suite,
        credential: x509Credential([p.leaf, p.intermediate]),
        signatureKeyPair: provider.suite(suite).generateSignatureKeyPair(),
      });
      rejects(
        () => validateKeyPackage(decodeUnverifiedKeyPackageMessage(stranger.messageBytes), options),
        "CRED-4",
        alg,
      );
      const basic = createKeyPackage({
        provider,
        cipherSuite: suite,
        credential: basicCredential(Uint8Array.of(1)),
        signatureKeyPair: p.leafKeys,
      });
      rejects(
        () => validateKeyPackage(decodeUnverifiedKeyPackageMessage(basic.messageBytes), options),
        "CRED-1",
        alg,
      );
    }
  }
});
