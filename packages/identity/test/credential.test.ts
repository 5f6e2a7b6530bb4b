import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bytesEqual, encode, Writer } from "@parley/codec";
import {
  basicCredential,
  CipherSuiteId,
  CredentialType,
  runCredentialValidator,
  ValidationError,
} from "@parley/mls";
import {
  decodeParleyIdentity,
  encodeParleyIdentity,
  IdentityError,
  issueParleyCredential,
  parleyCredentialValidator,
  parleyIdentityOf,
  verifyParleyCredential,
  type IdentityRule,
  type ParleyIdentity,
} from "../src/index.js";
import { atSeconds, DAY, makeClient, makeIssuer, T0 } from "./fixtures.js";

const clientId = new TextEncoder().encode("phone-1");

function issueFor(client = makeClient(), as = makeIssuer()) {
  const credential = issueParleyCredential(
    {
      userId: "alice@example.com",
      clientId,
      signatureScheme: client.scheme,
      signatureKey: client.keys.publicKey,
      notBefore: T0,
      notAfter: T0 + DAY,
    },
    as.issuer,
  );
  return { credential, client, as };
}

function rejects(rule: IdentityRule, f: () => unknown): void {
  assert.throws(f, (e: unknown) => e instanceof IdentityError && e.rule === rule);
}

function withIdentity(patch: Partial<ParleyIdentity>, base: ParleyIdentity): Uint8Array {
  const v = { ...base, ...patch };
  const w = new Writer();
  const te = new TextEncoder();
  w.u16(v.version).opaque(te.encode(v.userId)).opaque(v.clientId).u16(v.signatureScheme);
  w.u64(BigInt(v.notBefore)).u64(BigInt(v.notAfter)).opaque(v.issuerKeyId).opaque(v.signature);
  return w.finish();
}

describe("ParleyIdentity codec", () => {
  it("round-trips an issued identity byte for byte", () => {
    const { credential } = issueFor();
    const id = parleyIdentityOf(credential);
    assert.equal(id.userId, "alice@example.com");
    assert.ok("identity" in credential && credential.credentialType === CredentialType.basic);
    assert.ok(bytesEqual(encodeParleyIdentity(id), credential.identity));
  });

  it("refuses truncation, trailing bytes and each field rule as malformed", () => {
    const { credential } = issueFor();
    const id = parleyIdentityOf(credential);
    const good = encodeParleyIdentity(id);
    const bad: [string, Uint8Array][] = [
      ["truncated", good.subarray(0, good.length - 1)],
      ["trailing", new Uint8Array([...good, 0])],
      ["version", withIdentity({ version: 2 }, id)],
      ["empty user", withIdentity({ userId: "" }, id)],
      ["empty client", withIdentity({ clientId: new Uint8Array() }, id)],
      ["scheme", withIdentity({ signatureScheme: 0x0401 }, id)],
      ["interval", withIdentity({ notAfter: id.notBefore }, id)],
      ["issuer key id", withIdentity({ issuerKeyId: new Uint8Array() }, id)],
      ["signature length", withIdentity({ signature: new Uint8Array(63) }, id)],
      ["not UTF-8", encode(0, (w) => w.u16(1).opaque(new Uint8Array([0xff])))],
    ];
    for (const [what, bytes] of bad) {
      assert.throws(
        () => decodeParleyIdentity(bytes),
        (e: unknown) => e instanceof IdentityError && e.rule === "malformed",
        what,
      );
    }
  });

  it("refuses a timestamp above 2^53-1", () => {
    const id = parleyIdentityOf(issueFor().credential);
    const w = new Writer();
    w.u16(1).opaque(new TextEncoder().encode("a")).opaque(clientId).u16(id.signatureScheme);
    w.u64(0n)
      .u64(1n << 60n)
      .opaque(id.issuerKeyId)
      .opaque(id.signature);
    rejects("malformed", () => decodeParleyIdentity(w.finish()));
  });

  it("refuses to encode a user id with an unpaired surrogate", () => {
    const id = parleyIdentityOf(issueFor().credential);
    rejects("malformed", () => encodeParleyIdentity({ ...id, userId: "a\ud800" }));
  });
});

describe("verifyParleyCredential", () => {
  it("accepts Ed25519 and P-256 client keys within the validity window", () => {
    for (const kind of ["ed25519", "p256"] as const) {
      const { credential, client, as } = issueFor(makeClient(kind));
      const v = verifyParleyCredential(credential, client.keys.publicKey, as.trust, atSeconds(T0 + 10));
      assert.equal(v.userId, "alice@example.com");
      assert.ok(bytesEqual(v.clientId, clientId));
      assert.equal(v.signatureScheme, client.scheme);
      assert.equal(v.notAfter, T0 + DAY);
    }
  });

  it("refuses a non-basic credential as malformed", () => {
    const { client, as } = issueFor();
    const x509 = { credentialType: CredentialType.x509, certificates: [] };
    rejects("malformed", () => verifyParleyCredential(x509, client.keys.publicKey, as.trust, atSeconds(T0)));
  });

  it("refuses a credential from an issuer the relying party does not trust", () => {
    const { credential, client } = issueFor();
    rejects("unknown-issuer", () =>
      verifyParleyCredential(credential, client.keys.publicKey, makeIssuer("as-2").trust, atSeconds(T0)),
    );
  });

  it("refuses a forged signature: same key id, another AS key", () => {
    const { credential, client } = issueFor(makeClient(), makeIssuer("as-1"));
    const other = makeIssuer("as-1");
    rejects("bad-signature", () =>
      verifyParleyCredential(credential, client.keys.publicKey, other.trust, atSeconds(T0)),
    );
  });

  it("refuses the credential for another key of the same scheme (impersonation)", () => {
    const { credential, as } = issueFor();
    const mallory = makeClient();
    rejects("bad-signature", () =>
      verifyParleyCredential(credential, mallory.keys.publicKey, as.trust, atSeconds(T0)),
    );
  });

  it("refuses an altered identity field", () => {
    const { credential, client, as } = issueFor();
    const id = parleyIdentityOf(credential);
    const forged = basicCredential(encodeParleyIdentity({ ...id, userId: "bob@example.com" }));
    rejects("bad-signature", () =>
      verifyParleyCredential(forged, client.keys.publicKey, as.trust, atSeconds(T0)),
    );
  });

  it("refuses a key of another scheme", () => {
    const { credential, as } = issueFor(makeClient("ed25519"));
    rejects("scheme-mismatch", () =>
      verifyParleyCredential(credential, makeClient("p256").keys.publicKey, as.trust, atSeconds(T0)),
    );
  });

  it("refuses before not_before and from not_after on", () => {
    const { credential, client, as } = issueFor();
    const key = client.keys.publicKey;
    rejects("not-yet-valid", () => verifyParleyCredential(credential, key, as.trust, atSeconds(T0 - 1)));
    rejects("expired", () => verifyParleyCredential(credential, key, as.trust, atSeconds(T0 + DAY)));
    verifyParleyCredential(credential, key, as.trust, atSeconds(T0 + DAY - 1));
  });

  it("issuing refuses a key that is not of the declared scheme", () => {
    const as = makeIssuer();
    rejects("scheme-mismatch", () =>
      issueParleyCredential(
        {
          userId: "a",
          clientId,
          signatureScheme: makeClient("p256").scheme,
          signatureKey: makeClient("ed25519").keys.publicKey,
          notBefore: T0,
          notAfter: T0 + 1,
        },
        as.issuer,
      ),
    );
  });
});

describe("parleyCredentialValidator", () => {
  const context = (cipherSuite: number, now: Date) => ({ use: "key_package" as const, cipherSuite, now });

  it("accepts in the matching suite and refuses what verification refuses as CRED-2", () => {
    const { credential, client, as } = issueFor();
    const validate = parleyCredentialValidator(as.trust);
    const suite = CipherSuiteId.MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519;
    runCredentialValidator(validate, credential, client.keys.publicKey, context(suite, atSeconds(T0)));
    assert.throws(
      () =>
        runCredentialValidator(
          validate,
          credential,
          client.keys.publicKey,
          context(suite, atSeconds(T0 + DAY)),
        ),
      (e: unknown) => e instanceof ValidationError && e.rule === "CRED-2" && /expired/.test(e.message),
    );
  });

  it("refuses a credential whose scheme is not the cipher suite's", () => {
    const { credential, client, as } = issueFor();
    const suite = CipherSuiteId.MLS_128_DHKEMP256_AES128GCM_SHA256_P256;
    assert.throws(
      () =>
        parleyCredentialValidator(as.trust)(credential, client.keys.publicKey, context(suite, atSeconds(T0))),
      (e: unknown) => e instanceof ValidationError && /scheme-mismatch/.test(e.message),
    );
  });

  it("refuses a binding the caller knows to be revoked", () => {
    const { credential, client, as } = issueFor();
    const validate = parleyCredentialValidator(as.trust, {
      isRevoked: (v) => v.userId === "alice@example.com",
    });
    const suite = CipherSuiteId.MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519;
    assert.throws(
      () => validate(credential, client.keys.publicKey, context(suite, atSeconds(T0))),
      (e: unknown) => e instanceof ValidationError && /revoked/.test(e.message),
    );
  });
});
