/** c2sp.org/signed-note, tlog-checkpoint and tlog-cosignature against published notes and bad input. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { findShared, readSharedJson } from "@parley/testing";
import {
  CheckpointError,
  NoteError,
  cosignatureV1Signer,
  ed25519SignerFromKey,
  formatCheckpoint,
  generateEd25519SignerKey,
  openNote,
  parseCheckpoint,
  parseTimestampedSignature,
  parseVerifierKey,
  signNote,
} from "../src/index.js";

interface NoteVector {
  origin: string;
  vkey?: string;
  skey?: string;
  signedNote: string;
}
const notes = readSharedJson("vectors", "tlog", "signed-notes.json") as NoteVector[] | undefined;

test(
  "signed-notes.json: every note opens with its vkey; signer keys reproduce the signature",
  { skip: notes === undefined },
  async () => {
    let opened = 0;
    for (const n of notes ?? []) {
      if (n.vkey === undefined) {
        // Signature types this library does not implement (RFC 6962 0x05) leave the note unverifiable.
        assert.throws(() => openNote(n.signedNote, []), /not signed by any known key/);
        continue;
      }
      const verifier = parseVerifierKey(n.vkey);
      const result = openNote(n.signedNote, [verifier]);
      assert.deepEqual(result.verified, [verifier], n.origin);
      assert.ok(n.signedNote.startsWith(result.body));
      opened++;
      if (n.skey !== undefined) {
        const signer = ed25519SignerFromKey(n.skey);
        assert.equal(signer.verifierKey, n.vkey);
        // Ed25519 is deterministic (RFC 8032), so re-signing reproduces the published note.
        assert.equal(await signNote(result.body, [signer]), n.signedNote);
      }
    }
    assert.equal(opened, 5);
  },
);

test("signed-note: unknown signatures are reported, bad ones by known keys reject the note", async () => {
  const a = ed25519SignerFromKey(generateEd25519SignerKey("example.com/a"));
  const b = ed25519SignerFromKey(generateEd25519SignerKey("example.com/b"));
  const note = await signNote("hello\n\nworld\n", [a, b]);
  const opened = openNote(note, [parseVerifierKey(a.verifierKey)]);
  assert.equal(opened.body, "hello\n\nworld\n");
  assert.deepEqual(opened.unverified, [{ name: b.name, keyHash: b.keyHash }]);
  const vb = parseVerifierKey(b.verifierKey);
  const tampered = note.replace("world", "World");
  assert.throws(() => openNote(tampered, [vb]), /signature by example.com\/b\+[0-9a-f]{8} does not verify/);
  assert.throws(() => openNote(note, []), /not signed by any known key/);
  const impostor = ed25519SignerFromKey(generateEd25519SignerKey("example.com/a"));
  const forged = await signNote("x\n", [impostor]);
  assert.throws(() => openNote(forged, [parseVerifierKey(a.verifierKey)]), /not signed by any known key/);
  const lines = note.split("\n");
  const duplicated = `${note}${lines[lines.length - 3] ?? ""}\n`;
  assert.throws(() => openNote(duplicated, [parseVerifierKey(a.verifierKey)]), /two signatures/);
  assert.throws(() => openNote(note, [vb, parseVerifierKey(b.verifierKey)]), /share name and key ID/);
});

test("signed-note: malformed notes are rejected with the reason", async () => {
  const signer = ed25519SignerFromKey(generateEd25519SignerKey("k"));
  const v = [parseVerifierKey(signer.verifierKey)];
  const good = await signNote("text\n", [signer]);
  const sig = good.slice("text\n\n".length);
  const cases: [string, RegExp][] = [
    ["text\n" + sig, /no blank line/],
    ["text\n\n" + sig.slice(0, -1), /must end with a newline/],
    ["te\u0007xt\n\n" + sig, /control character/],
    ["te\ud800xt\n\n" + sig, /lone surrogate/],
    ["text\n\n- k AAAA\n", /does not start with/],
    ["text\n\n\u2014 k\n", /is not "— <key name> <base64>"/],
    ["text\n\n\u2014 k a b\n", /is not "— <key name> <base64>"/],
    ["text\n\n\u2014 k+x AAAAAAA=\n", /is not "— <key name> <base64>"/],
    ["text\n\n\u2014 k AAAA\n", /too short/],
    ["text\n\n\u2014 k AAAAAA\n", /not valid base64/],
    ["text\n\n" + sig + "\n" + sig, /does not verify/],
    ["text\n\n" + sig.repeat(101), /more than 100 signatures/],
    ["x".repeat(1 << 20) + "\n\n" + sig, /longer than/],
  ];
  for (const [note, reason] of cases)
    assert.throws(() => openNote(note, v), reason, JSON.stringify(note.slice(0, 40)));
  await assert.rejects(signNote("no newline", [signer]), /must end with a newline/);
  await assert.rejects(signNote("x\n", []), /at least one signer/);
});

test("signed-note keys: malformed signer and verifier keys are rejected without echoing secrets", () => {
  const skey = generateEd25519SignerKey("example.com/log");
  const secret = skey.split("+").slice(4).join("+");
  const badSkeys = [
    skey.replace("PRIVATE+KEY", "PRIVATE+KEX"),
    skey.replace("+example.com/log+", "+bad name+"),
    skey.replace(/\+[0-9a-f]{8}\+/, "+00000000+"),
    skey.slice(0, -4),
  ];
  for (const bad of badSkeys) {
    assert.throws(
      () => ed25519SignerFromKey(bad),
      (e: Error) => e instanceof NoteError && !e.message.includes(secret),
    );
  }
  const vkey = ed25519SignerFromKey(skey).verifierKey;
  const [, name, id, key] = /^([^+]*)\+([^+]*)\+(.*)$/.exec(vkey) ?? [];
  const badVkeys: [string, RegExp][] = [
    [`${name}+${id}`, /must have the form/],
    [`+${id}+${key}`, /invalid key name/],
    [`${name}+${(id ?? "").toUpperCase()}x+${key}`, /not 8 lowercase hex/],
    [`${name}+00000000+${key}`, /does not match the key/],
    [`${name}+${id}+${(key ?? "").slice(1)}`, /not valid base64|unsupported|bytes/],
    [`${name}+${id}+Ag==`, /unsupported signature type 0x02/],
    [`${name}+${id}+AQID`, /has 2 bytes, expected 32/],
  ];
  for (const [bad, reason] of badVkeys) assert.throws(() => parseVerifierKey(bad), reason, bad);
});

interface CheckpointCase {
  desc: string;
  body: string;
  wantErr: boolean;
  wantRest: string | null;
}
const parseCases = readSharedJson("vectors", "tlog", "checkpoint-parse.json") as
  { cases: CheckpointCase[] } | undefined;

test(
  "checkpoint-parse.json: invalid bodies fail; valid ones parse or fail only on the strict C2SP rules",
  { skip: parseCases === undefined },
  () => {
    let strictOnly = 0;
    for (const c of parseCases?.cases ?? []) {
      if (c.wantErr) {
        assert.throws(() => parseCheckpoint(c.body), CheckpointError, c.desc);
        continue;
      }
      const root = Buffer.from(c.body.split("\n")[2] ?? "", "base64");
      const rest = c.wantRest ?? "";
      if (
        root.length !== 32 ||
        rest
          .split("\n")
          .slice(0, -1)
          .some((l) => l === "")
      ) {
        // tlog-checkpoint: a SHA-256 root is 32 bytes; extension lines MUST be non-empty.
        assert.throws(
          () => parseCheckpoint(c.body),
          /root hash has \d+ bytes|extension line \d+ must not be empty/,
          c.desc,
        );
        strictOnly++;
        continue;
      }
      const cp = parseCheckpoint(c.body);
      assert.equal(cp.extensions.map((e) => `${e}\n`).join(""), rest);
    }
    assert.equal(parseCases?.cases.length, 12);
    assert.ok(strictOnly < 12);
  },
);

test("checkpoints: format/parse round-trip and every rule rejects bad input", () => {
  const cp = {
    origin: "example.com/log",
    size: 20852163,
    rootHash: new Uint8Array(32).fill(7),
    extensions: ["ext one"],
  };
  const body = formatCheckpoint(cp);
  assert.equal(body, `example.com/log\n20852163\n${Buffer.from(cp.rootHash).toString("base64")}\next one\n`);
  assert.deepEqual(parseCheckpoint(body), cp);
  const root = Buffer.from(cp.rootHash).toString("base64");
  const bad: [string, RegExp][] = [
    [`o\n1\n${root}`, /end with a newline/],
    [`o\n1\n`, /has 2 lines/],
    [`\n1\n${root}\n`, /origin must not be empty/],
    [`o\n01\n${root}\n`, /not a decimal/],
    [`o\n+1\n${root}\n`, /not a decimal/],
    [`o\n9007199254740993\n${root}\n`, /too large/],
    [`o\n1\n${root.slice(0, -1)}\n`, /not valid base64/],
    [`o\n1\nAAAA\n`, /3 bytes, expected 32/],
    [`o\n1\n${root}\n\n`, /extension line 1 must not be empty/],
    [`o\t\n1\n${root}\n`, /control character/],
  ];
  for (const [text, reason] of bad) assert.throws(() => parseCheckpoint(text), reason, JSON.stringify(text));
  assert.throws(() => formatCheckpoint({ ...cp, rootHash: new Uint8Array(31) }), /31 bytes/);
  assert.throws(() => formatCheckpoint({ ...cp, size: -1 }), /tree size/);
  assert.throws(() => formatCheckpoint({ ...cp, origin: "a\nb" }), /control character/);
  assert.throws(() => formatCheckpoint({ ...cp, extensions: [""] }), /extension line 1/);
});

test(
  "sunlight-skylight: witness cosignatures verify with the witness metadata's vkeys",
  { skip: findShared("vectors", "tlog", "sunlight-skylight") === undefined },
  () => {
    for (const w of ["witness", "witness2"]) {
      const meta = readSharedJson("vectors", "tlog", "sunlight-skylight", `${w}.v0.json`) as {
        name: string;
        verifier_keys: string[];
      };
      const path =
        findShared("vectors", "tlog", "sunlight-skylight", `${meta.name}-cosigned-checkpoint`) ?? "";
      const note = readFileSync(path, "utf8");
      const verifiers = meta.verifier_keys.map(parseVerifierKey);
      const opened = openNote(note, verifiers);
      assert.equal(opened.verified.length, 1);
      const checkpoint = parseCheckpoint(opened.body);
      assert.equal(checkpoint.size, 300);
      const sig = opened.signatures.find((s) => s.verifier !== undefined);
      assert.ok(sig !== undefined);
      assert.ok(parseTimestampedSignature(sig.signature).timestamp > 1_700_000_000n);
      assert.throws(() => openNote(note.replace("\n300\n", "\n301\n"), verifiers), /does not verify/);
    }
    const log = readSharedJson("vectors", "tlog", "sunlight-skylight", "log.v3.json") as {
      description: string;
    };
    const rome = readFileSync(
      findShared("vectors", "tlog", "sunlight-skylight", "witness.example.org-cosigned-checkpoint") ?? "",
      "utf8",
    );
    assert.equal(
      parseCheckpoint(
        openNote(rome, [
          parseVerifierKey("witness.example.org+b8a2cf20+BFLN3yikSfFkVAJtrnh/CiY3Zozkoy7clp+P7XB28qUN"),
        ]).body,
      ).origin,
      log.description,
    );
  },
);

test("cosignature/v1: sign and verify, timestamps bound, wrong key type is not a cosignature", async () => {
  const seed = new Uint8Array(32).fill(9);
  const witness = cosignatureV1Signer("witness.example/w1", seed, () => 1679315147n);
  const body = formatCheckpoint({
    origin: "example.com/log",
    size: 5,
    rootHash: new Uint8Array(32),
    extensions: [],
  });
  const note = await signNote(body, [witness]);
  const v = parseVerifierKey(witness.verifierKey);
  const opened = openNote(note, [v]);
  assert.equal(
    parseTimestampedSignature(opened.signatures[0]?.signature ?? new Uint8Array(0)).timestamp,
    1679315147n,
  );
  assert.throws(() => parseTimestampedSignature(new Uint8Array(71)), /71 bytes, expected 72/);
  assert.throws(() => parseTimestampedSignature(new Uint8Array(72).fill(0xff)), /exceeds 2\^63 - 1/);
  const future = cosignatureV1Signer("w", seed, () => 2n ** 63n);
  await assert.rejects(signNote(body, [future]), /out of range/);
  // The same key as a plain Ed25519 note key has a different key ID, so it cannot stand in.
  const plainVkey = witness.verifierKey.replace(/\+[^+]+\+([^+]+)$/, (_m, k: string) => {
    const bytes = Buffer.from(k, "base64");
    bytes[0] = 0x01;
    return `+00000000+${bytes.toString("base64")}`;
  });
  assert.throws(() => parseVerifierKey(plainVkey), /does not match the key/);
});
