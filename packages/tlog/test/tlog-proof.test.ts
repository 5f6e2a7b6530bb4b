/** c2sp.org/tlog-proof files: format, strict parse, and verification against a key policy. */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  MemoryTiles,
  TlogProofError,
  cosignatureV1Signer,
  ed25519SignerFromKey,
  formatCheckpoint,
  formatTlogProof,
  generateEd25519SignerKey,
  leafHash,
  parseTlogProof,
  parseVerifierKey,
  proveInclusion,
  signNote,
  verifyTlogProof,
} from "../src/index.js";

async function fixture() {
  const log = new MemoryTiles();
  for (let i = 0; i < 20; i++) log.append(Uint8Array.of(i));
  const signer = ed25519SignerFromKey(generateEd25519SignerKey("example.com/log"));
  const witness = cosignatureV1Signer("witness.example/w", new Uint8Array(32).fill(3), () => 1700000000n);
  const body = formatCheckpoint({
    origin: "example.com/log",
    size: 20,
    rootHash: log.root(),
    extensions: [],
  });
  const checkpoint = await signNote(body, [signer, witness]);
  const proof = await proveInclusion(7, 20, log);
  const text = formatTlogProof({ extra: Uint8Array.of(1, 2), index: 7, proof, checkpoint });
  const policy = {
    origin: "example.com/log",
    logVerifiers: [parseVerifierKey(signer.verifierKey)],
    witnessVerifiers: [parseVerifierKey(witness.verifierKey)],
    witnessQuorum: 1,
  };
  return { text, policy, proof, checkpoint };
}

test("tlog-proof: format, parse and verify", async () => {
  const { text, policy, proof, checkpoint } = await fixture();
  assert.ok(text.startsWith("c2sp.org/tlog-proof@v1\nextra AQI=\nindex 7\n"));
  const parsed = parseTlogProof(text);
  assert.deepEqual(parsed, { extra: Uint8Array.of(1, 2), index: 7, proof, checkpoint });
  const result = verifyTlogProof(text, leafHash(Uint8Array.of(7)), policy);
  assert.equal(result.checkpoint.size, 20);
  assert.equal(result.witnesses.length, 1);
  assert.deepEqual(parseTlogProof(formatTlogProof({ index: 0, proof: [], checkpoint })), {
    index: 0,
    proof: [],
    checkpoint,
  });
});

test("tlog-proof: every rule rejects bad input", async () => {
  const { text, policy, checkpoint } = await fixture();
  const leaf = leafHash(Uint8Array.of(7));
  const parseBad: [string, RegExp][] = [
    [text.replace("c2sp.org/tlog-proof@v1", "c2sp.org/tlog-proof@v2"), /first line/],
    [text.replace("extra AQI=", "extra AQI"), /extra line/],
    [text.replace("index 7", "index 07"), /expected "index <decimal>"/],
    [text.replace("index 7", "idx 7"), /expected "index <decimal>"/],
    [text.replace(/\nindex 7\n[^\n]+\n/, "\nindex 7\nAAAA\n"), /proof line 1 is not a base64 SHA-256 hash/],
    ["c2sp.org/tlog-proof@v1\nindex 1\n", /missing empty line and checkpoint/],
  ];
  for (const [bad, reason] of parseBad) assert.throws(() => parseTlogProof(bad), reason);
  const verifyBad: [() => unknown, RegExp][] = [
    [() => verifyTlogProof(text, leafHash(Uint8Array.of(8)), policy), /inclusion proof/],
    [() => verifyTlogProof(text.replace("index 7", "index 6"), leaf, policy), /inclusion proof/],
    [
      () => verifyTlogProof(text, leaf, { ...policy, origin: "other" }),
      /origin example.com\/log is not other/,
    ],
    [
      () => verifyTlogProof(text, leaf, { ...policy, witnessQuorum: 2 }),
      /1 witness cosignatures, policy needs 2/,
    ],
    [() => verifyTlogProof(text, leaf, { ...policy, logVerifiers: [] }), /not signed by the log/],
    [
      () => verifyTlogProof(text, leaf, { ...policy, logVerifiers: [], witnessVerifiers: [] }),
      /checkpoint rejected/,
    ],
    [
      () => verifyTlogProof(text.replace(checkpoint, checkpoint.replace("\n20\n", "\n21\n")), leaf, policy),
      /does not verify/,
    ],
  ];
  for (const [run, reason] of verifyBad)
    assert.throws(run, (e: Error) => e instanceof TlogProofError && reason.test(e.message));
  assert.throws(() => formatTlogProof({ index: -1, proof: [], checkpoint }), /index -1/);
  assert.throws(() => formatTlogProof({ index: 0, proof: [new Uint8Array(3)], checkpoint }), /3 bytes/);
});
