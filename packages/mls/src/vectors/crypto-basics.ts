/**
 * Runner for the MLS interop `crypto-basics` vectors (RFC 9420 §5, §8, §9.1 helpers). Each JSON element has
 * six sub-checks and each sub-check counts as one case: ref_hash, expand_with_label, derive_secret,
 * derive_tree_secret, sign_with_label (given signature verifies; a fresh one round-trips; EdDSA's fresh
 * signature equals the given one since it is deterministic) and encrypt_with_label (given ciphertext decrypts;
 * a fresh one round-trips).
 */
import { bytesEqual, fromHex, toHex } from "@parley/codec";
import type { CipherSuite, CryptoProvider } from "../crypto/provider.js";
import {
  decryptWithLabel,
  deriveSecret,
  deriveTreeSecret,
  encryptWithLabel,
  expandWithLabel,
  refHash,
  signWithLabel,
  verifyWithLabel,
} from "../crypto/labels.js";
import { UnsupportedError } from "../errors.js";
import type { VectorOutcome, VectorRunner } from "./types.js";

/** A malformed vector: reported as a failure of that case, never a crash. */
class ShapeError extends Error {}

type Json = Record<string, unknown>;

function object(value: unknown, where: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ShapeError(`${where} is not an object`);
  }
  return value as Json;
}

function hex(obj: Json, field: string): Uint8Array {
  const v = obj[field];
  if (typeof v !== "string" || !/^(?:[0-9a-fA-F]{2})*$/.test(v))
    throw new ShapeError(`${field} is not a hex string`);
  return fromHex(v);
}

function str(obj: Json, field: string): string {
  const v = obj[field];
  if (typeof v !== "string") throw new ShapeError(`${field} is not a string`);
  return v;
}

function uint(obj: Json, field: string): number {
  const v = obj[field];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0)
    throw new ShapeError(`${field} is not a uint`);
  return v;
}

/** Returns undefined when the check passes, else what differed. */
type Check = (cs: CipherSuite, v: Json) => string | undefined;

function expectEqual(what: string, got: Uint8Array, want: Uint8Array): string | undefined {
  return bytesEqual(got, want) ? undefined : `${what}: got ${toHex(got)}, want ${toHex(want)}`;
}

const CHECKS: ReadonlyArray<readonly [string, Check]> = [
  ["ref_hash", (cs, v) => expectEqual("out", refHash(cs, str(v, "label"), hex(v, "value")), hex(v, "out"))],
  [
    "expand_with_label",
    (cs, v) =>
      expectEqual(
        "out",
        expandWithLabel(cs, hex(v, "secret"), str(v, "label"), hex(v, "context"), uint(v, "length")),
        hex(v, "out"),
      ),
  ],
  [
    "derive_secret",
    (cs, v) => expectEqual("out", deriveSecret(cs, hex(v, "secret"), str(v, "label")), hex(v, "out")),
  ],
  [
    "derive_tree_secret",
    (cs, v) =>
      expectEqual(
        "out",
        deriveTreeSecret(cs, hex(v, "secret"), str(v, "label"), uint(v, "generation"), uint(v, "length")),
        hex(v, "out"),
      ),
  ],
  ["sign_with_label", checkSignWithLabel],
  ["encrypt_with_label", checkEncryptWithLabel],
];

function checkSignWithLabel(cs: CipherSuite, v: Json): string | undefined {
  const [priv, pub, label, content, signature] = [
    hex(v, "priv"),
    hex(v, "pub"),
    str(v, "label"),
    hex(v, "content"),
    hex(v, "signature"),
  ];
  if (!verifyWithLabel(cs, pub, label, content, signature)) return "given signature does not verify";
  const fresh = signWithLabel(cs, priv, label, content);
  if (!verifyWithLabel(cs, pub, label, content, fresh)) return "fresh signature does not verify";
  // RFC 8032 EdDSA is deterministic, so the fresh signature must equal the vector's byte for byte.
  const deterministic = cs.signatureScheme === 0x0807 || cs.signatureScheme === 0x0808;
  return deterministic ? expectEqual("fresh EdDSA signature", fresh, signature) : undefined;
}

function checkEncryptWithLabel(cs: CipherSuite, v: Json): string | undefined {
  const [priv, pub, label, context] = [hex(v, "priv"), hex(v, "pub"), str(v, "label"), hex(v, "context")];
  const plaintext = hex(v, "plaintext");
  const given = decryptWithLabel(cs, priv, label, context, hex(v, "kem_output"), hex(v, "ciphertext"));
  const diff = expectEqual("decrypted plaintext", given, plaintext);
  if (diff !== undefined) return diff;
  const fresh = encryptWithLabel(cs, pub, label, context, plaintext);
  return expectEqual(
    "round-trip plaintext",
    decryptWithLabel(cs, priv, label, context, fresh.kemOutput, fresh.ciphertext),
    plaintext,
  );
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export const run: VectorRunner = (data: unknown, provider: CryptoProvider): VectorOutcome => {
  const outcome: VectorOutcome = { passed: 0, failed: 0, skipped: 0, failures: [], skipReasons: [] };
  if (!Array.isArray(data)) {
    outcome.failed++;
    outcome.failures.push("crypto-basics: file is not a JSON array of test cases");
    return outcome;
  }
  data.forEach((raw: unknown, index) => {
    let c: Json;
    let cs: CipherSuite;
    try {
      c = object(raw, `case ${index}`);
      cs = provider.suite(uint(c, "cipher_suite"));
    } catch (e) {
      if (e instanceof UnsupportedError) {
        outcome.skipped += CHECKS.length;
        outcome.skipReasons.push(`case ${index}: ${e.message}`);
      } else {
        outcome.failed += CHECKS.length;
        outcome.failures.push(`case ${index}: ${errorText(e)}`);
      }
      return;
    }
    for (const [name, check] of CHECKS) {
      const where = `case ${index} (suite ${cs.id}) ${name}`;
      try {
        const diff = check(cs, object(c[name], name));
        if (diff === undefined) outcome.passed++;
        else {
          outcome.failed++;
          outcome.failures.push(`${where}: ${diff}`);
        }
      } catch (e) {
        outcome.failed++;
        outcome.failures.push(
          `${where}: ${e instanceof ShapeError ? "malformed vector: " : ""}${errorText(e)}`,
        );
      }
    }
  });
  return outcome;
};
