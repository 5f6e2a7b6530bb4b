import { createHash } from "node:crypto";
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { bytesEqual, decode, fromHex } from "@parley/codec";
import { verifyParleyCredential } from "@parley/identity";
import { decodeLogEntry } from "@parley/keylog";
import { Code } from "@parley/kit";
import { decodeCredential } from "@parley/mls";
import { leafHash, openNote, parseCheckpoint, parseVerifierKey, verifyInclusion } from "@parley/tlog";
import { claimsFor, clientKeys, mintIdToken, startStack, statusOf, type Stack } from "./harness.js";
import { enrollRequest } from "./requests.js";

let s: Stack;
before(async () => {
  s = await startStack();
});
after(async () => {
  await s.stop();
});

function trust() {
  return { issuers: new Map([[s.auth.issuerKeyId, s.auth.issuerPublicKey]]) };
}

async function failure(p: Promise<unknown>, code: number, reason: string): Promise<void> {
  const st = await statusOf(p);
  assert.equal(st.code, code, st.details);
  assert.match(st.details, new RegExp(`^${reason}:`));
}

describe("Enroll", () => {
  test("with an enrollment code: the credential is logged before it is returned, with a verifiable proof", async () => {
    const keys = clientKeys();
    const code = await s.mintCode("alice@example.com");
    const res = await s.client.enroll(
      enrollRequest("alice@example.com", "phone", keys, { enrollmentCode: code }),
    );
    const credential = decode(res.credential, decodeCredential, "Credential");
    const v = verifyParleyCredential(credential, keys.publicKey, trust(), new Date());
    assert.equal(v.userId, "alice@example.com");
    const proof = res.binding;
    assert.ok(proof !== undefined);
    const cp = parseCheckpoint(openNote(proof.checkpoint, [parseVerifierKey(s.keylog.verifierKey)]).body);
    verifyInclusion(leafHash(proof.entry), Number(proof.index), cp.size, proof.inclusionProof, cp.rootHash);
    const entry = decodeLogEntry(proof.entry);
    assert.ok(entry.type === "keyBinding");
    assert.ok(bytesEqual(entry.keyBinding.credential, res.credential));
    assert.ok(bytesEqual(entry.keyBinding.signatureKey, keys.publicKey));
    const logged = await s.log.getEntries({ start: proof.index, end: proof.index + 1n });
    assert.ok(bytesEqual(logged.entries[0] ?? new Uint8Array(), proof.entry), "the log holds the same entry");
  });

  test("with an EdDSA ID token and with an ES256 ID token (P-256 client key)", async () => {
    const ed = mintIdToken(s.oidc.ed25519, "EdDSA", claimsFor("bob@example.com"));
    const r1 = await s.client.enroll(
      enrollRequest("bob@example.com", "laptop", clientKeys(), { idToken: ed }),
    );
    assert.ok(r1.credential.length > 0);
    const es = mintIdToken(s.oidc.p256, "ES256", claimsFor("bob@example.com", { jti: "2" }));
    const keys = clientKeys("p256");
    const r2 = await s.client.enroll(enrollRequest("bob@example.com", "tablet", keys, { idToken: es }));
    const v = verifyParleyCredential(
      decode(r2.credential, decodeCredential, "Credential"),
      keys.publicKey,
      trust(),
      new Date(),
    );
    assert.equal(v.signatureScheme, keys.signatureScheme);
  });

  test("refuses bad, expired, wrong-audience, wrong-issuer, unsigned and other-user ID tokens", async () => {
    const now = Math.floor(Date.now() / 1000);
    const forger = {
      kid: "ed-1",
      key: generateKeyPairSync("ed25519").privateKey,
    };
    const cases: [string, number, string][] = [
      [mintIdToken(forger, "EdDSA", claimsFor("carol")), Code.Unauthenticated, "token-signature"],
      [
        mintIdToken(s.oidc.ed25519, "EdDSA", claimsFor("carol", { exp: now - 120 })),
        Code.Unauthenticated,
        "token-expired",
      ],
      [
        mintIdToken(s.oidc.ed25519, "EdDSA", claimsFor("carol", { aud: "someone-else" })),
        Code.Unauthenticated,
        "token-audience",
      ],
      [
        mintIdToken(s.oidc.ed25519, "EdDSA", claimsFor("carol", { iss: "https://evil" })),
        Code.Unauthenticated,
        "token-issuer",
      ],
      [
        mintIdToken(s.oidc.ed25519, "EdDSA", claimsFor("carol", { nbf: now + 3600 })),
        Code.Unauthenticated,
        "token-not-yet-valid",
      ],
      [
        mintIdToken(s.oidc.ed25519, "EdDSA", claimsFor("mallory")),
        Code.PermissionDenied,
        "token-user-mismatch",
      ],
      [
        mintIdToken(s.oidc.ed25519, "EdDSA", claimsFor("carol"), { alg: "ES256" }),
        Code.Unauthenticated,
        "token-algorithm",
      ],
      [
        mintIdToken(s.oidc.ed25519, "EdDSA", claimsFor("carol"), { kid: "nope" }),
        Code.Unauthenticated,
        "token-unknown-key",
      ],
      [
        `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from("{}").toString("base64url")}.x`,
        Code.Unauthenticated,
        "token-algorithm",
      ],
      ["not-a-jwt", Code.Unauthenticated, "token-malformed"],
    ];
    for (const [token, code, reason] of cases) {
      await failure(
        s.client.enroll(enrollRequest("carol", "c1", clientKeys(), { idToken: token })),
        code,
        reason,
      );
    }
    const list = await s.auth.context.store.clients("carol");
    assert.equal(list.length, 0, "nothing stored for refused enrollments");
  });

  test("an ID token enrolls one key only (replay refused, also after a restart)", async () => {
    const token = mintIdToken(s.oidc.ed25519, "EdDSA", claimsFor("dave"));
    await s.client.enroll(enrollRequest("dave", "d1", clientKeys(), { idToken: token }));
    await failure(
      s.client.enroll(enrollRequest("dave", "d2", clientKeys(), { idToken: token })),
      Code.Unauthenticated,
      "token-reused",
    );
    // The redemption is durable: with the in-memory record gone (as after a restart), the store
    // still refuses the token.
    const hash = createHash("sha256").update(token).digest("hex");
    assert.equal(await s.auth.context.store.tokenUsed(hash), true);
    s.auth.context.usedTokens.release(hash);
    await failure(
      s.client.enroll(enrollRequest("dave", "d3", clientKeys(), { idToken: token })),
      Code.Unauthenticated,
      "token-reused",
    );
  });

  test("enrollment codes are one-time, user-bound and unforgeable", async () => {
    const code = await s.mintCode("erin");
    await s.client.enroll(enrollRequest("erin", "e1", clientKeys(), { enrollmentCode: code }));
    await failure(
      s.client.enroll(enrollRequest("erin", "e2", clientKeys(), { enrollmentCode: code })),
      Code.Unauthenticated,
      "code-used",
    );
    const other = await s.mintCode("erin");
    await failure(
      s.client.enroll(enrollRequest("frank", "f1", clientKeys(), { enrollmentCode: other })),
      Code.PermissionDenied,
      "code-user-mismatch",
    );
    const [p, payload, tag] = other.split(".");
    const flipped = `${p ?? ""}.${payload ?? ""}.${(tag ?? "").startsWith("A") ? "B" : "A"}${(tag ?? "").slice(1)}`;
    await failure(
      s.client.enroll(enrollRequest("erin", "e3", clientKeys(), { enrollmentCode: flipped })),
      Code.Unauthenticated,
      "code-invalid",
    );
    await failure(
      s.client.enroll(enrollRequest("erin", "e3", clientKeys(), { enrollmentCode: "pe1.x" })),
      Code.Unauthenticated,
      "code-malformed",
    );
    const expired = await s.mintCode("erin", -1);
    await failure(
      s.client.enroll(enrollRequest("erin", "e3", clientKeys(), { enrollmentCode: expired })),
      Code.Unauthenticated,
      "code-expired",
    );
  });

  test("two concurrent redemptions of one code: exactly one succeeds", async () => {
    const code = await s.mintCode("gina");
    const results = await Promise.allSettled([
      s.client.enroll(enrollRequest("gina", "g1", clientKeys(), { enrollmentCode: code })),
      s.client.enroll(enrollRequest("gina", "g2", clientKeys(), { enrollmentCode: code })),
    ]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
  });

  test("requires proof of possession of the signature key", async () => {
    const keys = clientKeys();
    const code = await s.mintCode("hank");
    const missing = {
      ...enrollRequest("hank", "h1", keys, { enrollmentCode: code }),
      possessionSignature: new Uint8Array(),
    };
    await failure(s.client.enroll(missing), Code.InvalidArgument, "possession-missing");
    const stolenKey = enrollRequest("hank", "h1", keys, { enrollmentCode: code }, clientKeys());
    await failure(s.client.enroll(stolenKey), Code.Unauthenticated, "possession-invalid");
    const otherProof = await s.mintCode("hank");
    const rebound = {
      ...enrollRequest("hank", "h1", keys, { enrollmentCode: otherProof }),
      proof: { case: "enrollmentCode" as const, value: code },
    };
    await failure(s.client.enroll(rebound), Code.Unauthenticated, "possession-invalid");
    // The code survived the refusals: nothing was consumed.
    await s.client.enroll(enrollRequest("hank", "h1", keys, { enrollmentCode: code }));
  });

  test("refuses malformed requests with INVALID_ARGUMENT naming the field", async () => {
    const keys = clientKeys();
    const code = await s.mintCode("ivy");
    const base = enrollRequest("ivy", "i1", keys, { enrollmentCode: code });
    await failure(s.client.enroll({ ...base, userId: "" }), Code.InvalidArgument, "invalid-request");
    await failure(
      s.client.enroll({ ...base, clientId: new Uint8Array() }),
      Code.InvalidArgument,
      "invalid-request",
    );
    await failure(
      s.client.enroll({ ...base, signatureScheme: 0x0401 }),
      Code.InvalidArgument,
      "invalid-request",
    );
    await failure(
      s.client.enroll({ ...base, signatureKey: new Uint8Array(31) }),
      Code.InvalidArgument,
      "invalid-request",
    );
    await failure(
      s.client.enroll({ ...base, proof: { case: undefined } }),
      Code.InvalidArgument,
      "proof-missing",
    );
  });

  test("refuses a second active enrollment of the same client id", async () => {
    const code1 = await s.mintCode("jack");
    await s.client.enroll(enrollRequest("jack", "j1", clientKeys(), { enrollmentCode: code1 }));
    const code2 = await s.mintCode("jack");
    await failure(
      s.client.enroll(enrollRequest("jack", "j1", clientKeys(), { enrollmentCode: code2 })),
      Code.AlreadyExists,
      "client-exists",
    );
  });

  test("exposes issuer keys and domain metrics without secrets in labels", async () => {
    const keys = await s.client.getIssuerKeys({});
    assert.ok(bytesEqual(keys.keys[0]?.keyId ?? new Uint8Array(), fromHex(s.auth.issuerKeyId)));
    const metrics = await (await fetch(`http://${s.auth.server.adminAddress ?? ""}/metrics`)).text();
    assert.match(metrics, /^auth_credentials_issued_total\{proof="enrollment_code"\} [1-9]/m);
    assert.match(metrics, /^auth_credentials_issued_total\{proof="id_token"\} [1-9]/m);
    assert.match(metrics, /^auth_enrollment_failures_total\{reason="code-used"\} [1-9]/m);
    assert.doesNotMatch(metrics, /pe1\.|alice@/);
  });
});
