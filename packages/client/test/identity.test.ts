import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { decode, toHex } from "@parley/codec";
import { IdentityError, issueParleyCredential } from "@parley/identity";
import { ed25519KeyFromSeed } from "@parley/kit";
import { decodeCredential, type Credential } from "@parley/mls";
import { AuthService } from "@parley/proto/parley/auth/v1/auth_pb";
import { ed25519SignerFromKey, generateEd25519SignerKey, parseVerifierKey } from "@parley/tlog";
import { readOrCreateSecret } from "../../../services/auth/src/secrets.js";
import { clientKeys, startStack, type Stack } from "../../../services/auth/test/harness.js";
import {
  CheckpointError,
  CheckpointMemory,
  enrollRequest,
  grpcLogReader,
  PeerProofError,
  readVerifiedLog,
  scanBindings,
  signedHeaders,
  verifyPeerCredential,
  type ClientKeys,
  type LogProofBundle,
} from "../src/index.js";

let s: Stack;
before(async () => {
  s = await startStack();
});
after(async () => {
  await s.stop();
});

interface Enrolled {
  readonly keys: ClientKeys;
  readonly credential: Credential;
  readonly proof: LogProofBundle;
}

async function enroll(userId: string, clientId: string): Promise<Enrolled> {
  const keys = clientKeys();
  const code = await s.mintCode(userId);
  const res = await s.client.enroll(
    enrollRequest(userId, new TextEncoder().encode(clientId), keys, { enrollmentCode: code }),
  );
  assert.ok(res.binding !== undefined);
  return { keys, credential: decode(res.credential, decodeCredential, "Credential"), proof: res.binding };
}

const memoryFor = () => new CheckpointMemory(s.keylog.origin, parseVerifierKey(s.keylog.verifierKey));
const trust = () => ({ issuers: new Map([[s.auth.issuerKeyId, s.auth.issuerPublicKey]]) });

describe("peer credential verification", () => {
  test("a second client verifies a credential from its log proof, then a newer checkpoint via consistency", async () => {
    const alice = await enroll("alice", "phone");
    const memory = memoryFor();
    const peer = verifyPeerCredential({
      credential: alice.credential,
      signatureKey: alice.keys.publicKey,
      proof: alice.proof,
      trust: trust(),
      memory,
      now: new Date(),
    });
    assert.equal(peer.userId, "alice");
    await enroll("bob", "laptop");
    const carol = await enroll("carol", "phone");
    const input = {
      credential: carol.credential,
      signatureKey: carol.keys.publicKey,
      proof: carol.proof,
      trust: trust(),
      memory,
      now: new Date(),
    };
    assert.throws(
      () => verifyPeerCredential(input),
      (e: unknown) => e instanceof CheckpointError && e.rule === "needs-consistency-proof",
    );
    const from = memory.remembered?.size ?? 0;
    const proof = await grpcLogReader(s.keylog.server.grpcAddress).consistency(
      from,
      Number(carol.proof.treeSize),
    );
    verifyPeerCredential({ ...input, consistencyProof: proof });
    assert.equal(memory.remembered?.size, Number(carol.proof.treeSize));
    const tampered = proof.map((h, i) => (i === 0 ? h.map((b) => b ^ 1) : h));
    const fresh = memoryFor();
    fresh.accept(alice.proof.checkpoint);
    assert.throws(
      () => verifyPeerCredential({ ...input, memory: fresh, consistencyProof: tampered }),
      (e: unknown) => e instanceof CheckpointError && e.rule === "inconsistent",
    );
  });

  test("refuses an unlogged credential, a tampered inclusion proof and a checkpoint from another key", async () => {
    const dave = await enroll("dave", "phone");
    const seed = await readOrCreateSecret(join(s.dir, "auth", "issuer-key"), "AUTH_ISSUER_KEY_FILE");
    const issuer = ed25519KeyFromSeed(seed);
    const hidden = issueParleyCredential(
      {
        userId: "dave",
        clientId: new TextEncoder().encode("phone"),
        signatureScheme: dave.keys.signatureScheme,
        signatureKey: dave.keys.publicKey,
        notBefore: 1,
        notAfter: 4_000_000_000,
      },
      { keyId: issuer.keyId, privateKey: issuer.seed },
    );
    const base = { signatureKey: dave.keys.publicKey, proof: dave.proof, trust: trust(), now: new Date() };
    assert.throws(
      () => verifyPeerCredential({ ...base, credential: hidden, memory: memoryFor() }),
      (e: unknown) => e instanceof PeerProofError && e.rule === "entry-mismatch",
    );
    const badPath = {
      ...dave.proof,
      inclusionProof: dave.proof.inclusionProof.map((h) => h.map((b) => b ^ 0xff)),
    };
    if (badPath.inclusionProof.length > 0) {
      assert.throws(
        () =>
          verifyPeerCredential({ ...base, credential: dave.credential, proof: badPath, memory: memoryFor() }),
        (e: unknown) => e instanceof PeerProofError && e.rule === "bad-inclusion",
      );
    }
    const wrongIndex = { ...dave.proof, index: Number(dave.proof.index) === 0 ? 1 : 0 };
    assert.throws(
      () =>
        verifyPeerCredential({
          ...base,
          credential: dave.credential,
          proof: wrongIndex,
          memory: memoryFor(),
        }),
      (e: unknown) => e instanceof PeerProofError && e.rule === "bad-inclusion",
    );
    const otherKey = ed25519SignerFromKey(generateEd25519SignerKey(s.keylog.origin)).verifierKey;
    const stranger = new CheckpointMemory(s.keylog.origin, parseVerifierKey(otherKey));
    assert.throws(
      () => verifyPeerCredential({ ...base, credential: dave.credential, memory: stranger }),
      (e: unknown) => e instanceof CheckpointError && e.rule === "bad-checkpoint",
    );
    assert.throws(
      () =>
        verifyPeerCredential({
          ...base,
          credential: dave.credential,
          signatureKey: clientKeys().publicKey,
          memory: memoryFor(),
        }),
      (e: unknown) => e instanceof IdentityError && e.rule === "bad-signature",
    );
  });
});

describe("key monitoring", () => {
  test("lists every binding of an identity from the verified log, shows revocations and flags an unknown key", async () => {
    const phone = await enroll("erin", "phone");
    const laptop = await enroll("erin", "laptop");
    const req = { clientId: new TextEncoder().encode("phone"), reason: 3 };
    await s.client.revokeClient(req, {
      headers: signedHeaders(AuthService.method.revokeClient, req, laptop.credential, laptop.keys),
    });
    const known = new Set([toHex(phone.keys.publicKey), toHex(laptop.keys.publicKey)]);
    const dir = await mkdtemp(join(tmpdir(), "monitor-"));
    const reader = grpcLogReader(s.keylog.server.grpcAddress);
    try {
      const memory = memoryFor();
      let report = scanBindings(await readVerifiedLog(reader, memory), "erin", known);
      assert.equal(report.bindings.length, 2);
      assert.equal(report.unknown.length, 0);
      assert.equal(
        report.bindings.find((b) => b.index === Number(phone.proof.index))?.revokedBy !== undefined,
        true,
      );
      await memory.save(join(dir, "state.json"));
      const rogue = await enroll("erin", "rogue");
      const reloaded = await CheckpointMemory.load(
        join(dir, "state.json"),
        s.keylog.origin,
        parseVerifierKey(s.keylog.verifierKey),
      );
      report = scanBindings(await readVerifiedLog(reader, reloaded), "erin", known);
      assert.equal(report.unknown.length, 1);
      assert.equal(report.unknown[0]?.signatureKey, toHex(rogue.keys.publicKey));
    } finally {
      reader.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
