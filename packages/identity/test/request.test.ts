import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bytesEqual } from "@parley/codec";
import {
  encodeBase64Url,
  decodeBase64Url,
  IdentityError,
  issueParleyCredential,
  ReplayGuard,
  RequestHeader,
  signRequest,
  verifyRequest,
  type IdentityRule,
} from "../src/index.js";
import { atSeconds, DAY, makeClient, makeIssuer, T0, type TestClient } from "./fixtures.js";

const METHOD = "/parley.auth.v1.AuthService/ListClients";
const body = new TextEncoder().encode("request body");
const now = atSeconds(T0 + 60);

function setup(kind: "ed25519" | "p256" = "ed25519") {
  const as = makeIssuer();
  const client: TestClient = makeClient(kind);
  const credential = issueParleyCredential(
    {
      userId: "alice@example.com",
      clientId: new TextEncoder().encode("laptop"),
      signatureScheme: client.scheme,
      signatureKey: client.keys.publicKey,
      notBefore: T0,
      notAfter: T0 + DAY,
    },
    as.issuer,
  );
  const sign = (at = now, m = METHOD, b = body) =>
    signRequest({
      method: m,
      body: b,
      credential,
      signatureKey: client.keys.publicKey,
      privateKey: client.keys.privateKey,
      signatureScheme: client.scheme,
      now: at,
    });
  return { as, client, credential, sign };
}

function verify(
  headers: Record<string, string>,
  trust = setup().as.trust,
  replay = new ReplayGuard(),
  at = now,
) {
  return verifyRequest({ method: METHOD, body, metadata: (n) => headers[n], trust, replay, now: at });
}

function rejects(rule: IdentityRule, f: () => unknown): void {
  assert.throws(f, (e: unknown) => e instanceof IdentityError && e.rule === rule, rule);
}

describe("signed requests", () => {
  it("verifies a request signed with an Ed25519 or a P-256 key", () => {
    for (const kind of ["ed25519", "p256"] as const) {
      const { as, client, sign } = setup(kind);
      const v = verify(sign(), as.trust);
      assert.equal(v.userId, "alice@example.com");
      assert.ok(bytesEqual(v.signatureKey, client.keys.publicKey));
      assert.equal(v.notAfter, T0 + DAY);
    }
  });

  it("refuses a missing header, naming it", () => {
    const { as, sign } = setup();
    for (const name of Object.values(RequestHeader)) {
      const headers = sign();
      delete headers[name];
      assert.throws(
        () => verify(headers, as.trust),
        (e: unknown) => e instanceof IdentityError && e.rule === "missing-header" && e.message.includes(name),
      );
    }
  });

  it("refuses malformed headers", () => {
    const { as, sign } = setup();
    const cases: [string, string][] = [
      [RequestHeader.credential, "!!"],
      [RequestHeader.credential, encodeBase64Url(new Uint8Array([0, 1]))],
      [RequestHeader.signatureKey, "a=="],
      [RequestHeader.timestamp, "12.5"],
      [RequestHeader.timestamp, "-1"],
      [RequestHeader.timestamp, "0123"],
      [RequestHeader.nonce, encodeBase64Url(new Uint8Array(15))],
      [RequestHeader.signature, "ab+/"],
    ];
    for (const [name, value] of cases) {
      rejects("malformed-header", () => verify({ ...sign(), [name]: value }, as.trust));
    }
  });

  it("refuses a signature over another method or body, or by another key", () => {
    const { as, sign } = setup();
    rejects("bad-request-signature", () =>
      verify(sign(now, "/parley.auth.v1.AuthService/RevokeClient"), as.trust),
    );
    rejects("bad-request-signature", () => verify(sign(now, METHOD, new Uint8Array([1])), as.trust));
    const mallory = setup();
    const stolen = { ...mallory.sign(), [RequestHeader.credential]: sign()[RequestHeader.credential] ?? "" };
    rejects("bad-signature", () => verify(stolen, as.trust));
  });

  it("refuses an impersonator who presents a victim's credential with the victim's public key", () => {
    const { as, client, sign } = setup();
    const mallory = makeClient();
    const headers = sign();
    const forged = signRequest({
      method: METHOD,
      body,
      credential: setup().credential,
      signatureKey: client.keys.publicKey,
      privateKey: mallory.keys.privateKey,
      signatureScheme: mallory.scheme,
      now,
    });
    rejects("bad-request-signature", () =>
      verify({ ...headers, [RequestHeader.signature]: forged[RequestHeader.signature] ?? "" }, as.trust),
    );
  });

  it("refuses a replayed request and one outside the time window", () => {
    const { as, sign } = setup();
    const replay = new ReplayGuard({ windowMs: 60_000 });
    const headers = sign();
    verify(headers, as.trust, replay);
    rejects("replayed-nonce", () => verify(headers, as.trust, replay));
    rejects("stale-timestamp", () => verify(sign(new Date(now.getTime() - 60_001)), as.trust, replay));
    rejects("stale-timestamp", () => verify(sign(new Date(now.getTime() + 60_001)), as.trust, replay));
  });

  it("passes credential rules through: untrusted issuer, expired credential", () => {
    const { sign } = setup();
    rejects("unknown-issuer", () => verify(sign(), makeIssuer("other").trust));
    const late = setup();
    rejects("expired", () =>
      verify(late.sign(atSeconds(T0 + DAY)), late.as.trust, new ReplayGuard(), atSeconds(T0 + DAY)),
    );
  });
});

describe("base64url", () => {
  it("round-trips every length and refuses non-canonical text", () => {
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const back = decodeBase64Url(encodeBase64Url(bytes));
      assert.ok(back !== undefined && bytesEqual(back, bytes));
    }
    for (const bad of ["A", "AB=", "A+/B", "AB\u00e9C", "AR"])
      assert.equal(decodeBase64Url(bad), undefined, bad);
  });
});
