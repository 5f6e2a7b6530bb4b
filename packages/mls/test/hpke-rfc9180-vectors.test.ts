/**
 * RFC 9180 Appendix A test vectors, parsed from the spec text at test time (never copied into the repo).
 * Base mode (mode 0) only: MLS uses SealBase/OpenBase exclusively (RFC 9420 §5.1.3), and this library
 * implements neither PSK nor Auth modes, so those sections are skipped. The export-only suite (AEAD 0xFFFF)
 * is skipped too: MLS never uses it. Each base vector's "Exported Values" (RFC 9180 §5.3 Context.Export)
 * are checked on both sides: the sender's context and the single-shot ReceiveExport of §6.2.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fromHex, toHex } from "@parley/codec";
import { findShared } from "@parley/testing";
import { createHpkeSuite } from "../src/crypto/cipher-suite.js";
import type { HpkeSuite } from "../src/crypto/hpke/hpke.js";
import { nodePrimitives } from "../src/crypto/node/index.js";
import { noblePrimitives } from "../src/crypto/noble/index.js";
import type { Primitives } from "../src/crypto/primitives.js";

interface BaseVector {
  title: string;
  fields: Map<string, string>;
  /** The sequence-number-0 entry of the "Encryptions" block (absent for the export-only suite). */
  encryption: Map<string, string> | undefined;
  /** The "Exported Values" block: exporter_context, L, exported_value. */
  exports: Map<string, string>[];
}

/** Parses a `~~~` block of `key: value` lines whose hex values may wrap onto following lines. */
function parseBlock(lines: string[]): Map<string, string>[] {
  const entries: Map<string, string>[] = [new Map<string, string>()];
  let lastKey: string | undefined;
  for (const line of lines) {
    const current = entries[entries.length - 1] ?? new Map<string, string>();
    if (line.trim() === "") {
      if (current.size > 0) entries.push(new Map<string, string>());
      lastKey = undefined;
      continue;
    }
    const kv = /^([A-Za-z_ ]+):\s*(\S*)$/.exec(line);
    if (kv?.[1] !== undefined) {
      lastKey = kv[1];
      current.set(lastKey, kv[2] ?? "");
    } else if (lastKey !== undefined && /^[0-9a-f]+$/.test(line.trim())) {
      current.set(lastKey, (current.get(lastKey) ?? "") + line.trim());
    } else {
      throw new Error(`unparseable vector line: ${line}`);
    }
  }
  return entries.filter((e) => e.size > 0);
}

/** The lines of the first `~~~` block after line index `from`. */
function blockAfter(lines: string[], from: number): string[] {
  const start = lines.findIndex((l, i) => i > from && l.startsWith("~~~"));
  const end = lines.findIndex((l, i) => i > start && l.startsWith("~~~"));
  if (start < 0 || end < 0) throw new Error(`no ~~~ block after line ${from + 1}`);
  return lines.slice(start + 1, end);
}

function parseBaseVectors(text: string): BaseVector[] {
  const lines = text.split("\n");
  const first = lines.findIndex((l) => l.trim() === "# Test Vectors");
  assert.ok(first >= 0, "the spec text has a Test Vectors section");
  const out: BaseVector[] = [];
  let title = "";
  for (let i = first; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.startsWith("## ")) title = line.slice(3).trim();
    if (line.trim() !== "### Base Setup Information") continue;
    const [fields] = parseBlock(blockAfter(lines, i));
    // The Encryptions block belongs to this setup only if it comes before the next "##"/"###" heading.
    const next = lines.findIndex((l, j) => j > i && /^###? /.test(l));
    const within = (heading: string) => {
      const at = lines.findIndex((l, j) => j > i && l.trim() === heading);
      return at > i && (next < 0 || at < next) ? parseBlock(blockAfter(lines, at)) : undefined;
    };
    const encryption = within("#### Encryptions")?.find((e) => e.get("sequence number") === "0");
    const exports = within("#### Exported Values") ?? [];
    assert.ok(fields !== undefined, `base vector under "${title}" parses`);
    out.push({ title, fields, encryption, exports });
  }
  return out;
}

function get(m: Map<string, string>, key: string): Uint8Array {
  const v = m.get(key);
  if (v === undefined) throw new Error(`vector lacks ${key}`);
  return fromHex(v);
}

function num(m: Map<string, string>, key: string): number {
  return Number(m.get(key));
}

function checkVector(primitives: Primitives, v: BaseVector): void {
  const f = v.fields;
  assert.equal(num(f, "mode"), 0);
  const hpke = createHpkeSuite(primitives, num(f, "kem_id"), num(f, "kdf_id"), num(f, "aead_id"));
  // RFC 9180 §7.1.3 DeriveKeyPair for the ephemeral and the recipient key.
  for (const role of ["E", "R"]) {
    const kp = hpke.deriveKeyPair(get(f, `ikm${role}`));
    assert.equal(toHex(kp.privateKey), toHex(get(f, `sk${role}m`)), `sk${role}m`);
    assert.equal(toHex(kp.publicKey), toHex(get(f, `pk${role}m`)), `pk${role}m`);
  }
  // Encap with the vector's ephemeral key, then the §5.1 key schedule.
  const ctx = hpke.setupBaseWithEphemeral(get(f, "pkRm"), get(f, "info"), get(f, "skEm"));
  assert.equal(toHex(ctx.enc), toHex(get(f, "enc")), "enc");
  assert.equal(toHex(ctx.sharedSecret), toHex(get(f, "shared_secret")), "shared_secret");
  assert.equal(toHex(ctx.key), toHex(get(f, "key")), "key");
  assert.equal(toHex(ctx.baseNonce), toHex(get(f, "base_nonce")), "base_nonce");
  assert.equal(toHex(ctx.exporterSecret), toHex(get(f, "exporter_secret")), "exporter_secret");
  // Sequence 0: the nonce is base_nonce, and single-shot Open recovers pt from (enc, ct).
  const e = v.encryption;
  assert.ok(e !== undefined, "the vector has a sequence-0 encryption");
  assert.equal(toHex(get(e, "nonce")), toHex(ctx.baseNonce), "sequence-0 nonce");
  const ct = primitives.aead(num(f, "aead_id")).seal(ctx.key, ctx.baseNonce, get(e, "aad"), get(e, "pt"));
  assert.equal(toHex(ct), toHex(get(e, "ct")), "ciphertext");
  const pt = hpke.open(get(f, "skRm"), get(f, "enc"), get(f, "info"), get(e, "aad"), get(e, "ct"));
  assert.equal(toHex(pt), toHex(get(e, "pt")), "OpenBase plaintext");
  checkExports(hpke, v, ctx.exporterSecret);
}

/** §5.3 Context.Export on the sender's context, and §6.2 ReceiveExport from (enc, skR), per exported value. */
function checkExports(hpke: HpkeSuite, v: BaseVector, senderExporterSecret: Uint8Array): void {
  const f = v.fields;
  assert.equal(v.exports.length, 3, "the vector lists three exported values");
  for (const x of v.exports) {
    const context = get(x, "exporter_context");
    const length = num(x, "L");
    const want = toHex(get(x, "exported_value"));
    const label = `export(${toHex(context)}, ${length})`;
    assert.equal(toHex(hpke.contextExport(senderExporterSecret, context, length)), want, `sender ${label}`);
    const received = hpke.receiveExport(get(f, "skRm"), get(f, "enc"), get(f, "info"), context, length);
    assert.equal(toHex(received), want, `ReceiveExport ${label}`);
  }
}

const specPath = findShared("specs", "rfc9180-hpke.md");
const vectors = specPath === undefined ? [] : parseBaseVectors(readFileSync(specPath, "utf8"));
const EXPORT_ONLY = 0xffff;

test("RFC 9180 text: every base-mode section parses", (t) => {
  if (specPath === undefined) return t.skip("rfc9180-hpke.md not found");
  // The RFC has seven ciphersuite sections, each with one Base Setup.
  assert.equal(vectors.length, 7);
});

for (const primitives of [nodePrimitives, noblePrimitives]) {
  for (const v of vectors) {
    const exportOnly = num(v.fields, "aead_id") === EXPORT_ONLY;
    test(`RFC 9180 base vector ${v.title} (${primitives.name})`, (t) => {
      if (exportOnly) return t.skip("export-only AEAD 0xFFFF: MLS never uses HPKE's export-only mode");
      checkVector(primitives, v);
    });
  }
}
