import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CodecError, Writer } from "@parley/codec";
import {
  checkLogEntry,
  decodeLogEntry,
  encodeLogEntry,
  EntryFormatError,
  RevocationReason,
  SignatureScheme,
  type EntryRule,
  type LogEntry,
} from "../src/entry/index.js";
import { basicCredential, sampleBinding, sampleEntry } from "./fixtures.js";

const binding = sampleBinding(7);

/** Builds a raw key-binding entry field by field so tests can break one field at a time. */
function rawBinding(over: Partial<Record<string, (w: Writer) => void>> = {}): Uint8Array {
  const w = new Writer();
  const field = (name: string, dflt: (w: Writer) => void): void => (over[name] ?? dflt)(w);
  field("version", (x) => x.u16(1));
  field("type", (x) => x.u8(1));
  field("identity", (x) => x.opaque(new TextEncoder().encode(binding.identity)));
  field("clientId", (x) => x.opaque(binding.clientId));
  field("scheme", (x) => x.u16(binding.signatureScheme));
  field("key", (x) => x.opaque(binding.signatureKey));
  field("credential", (x) => x.opaque(binding.credential));
  field("notBefore", (x) => x.u64(BigInt(binding.notBefore)));
  field("notAfter", (x) => x.u64(BigInt(binding.notAfter)));
  field("issuedAt", (x) => x.u64(BigInt(binding.issuedAt)));
  return w.finish();
}

function rawRevocation(refType: number, reason: number, ref: (w: Writer) => void): Uint8Array {
  const w = new Writer()
    .u16(1)
    .u8(2)
    .opaque(new TextEncoder().encode("alice"))
    .opaque(new Uint8Array([1]));
  w.u8(refType);
  ref(w);
  return w.u64(5n).u8(reason).finish();
}

/** Both the decoder and Append's in-place check refuse `bytes` under `rule`. */
function rejects(bytes: Uint8Array, rule: EntryRule): void {
  for (const check of [decodeLogEntry, checkLogEntry]) {
    assert.throws(
      () => check(bytes),
      (e: unknown) => e instanceof EntryFormatError && e.rule === rule,
      `${check.name}: expected rule ${rule}`,
    );
  }
}

/** Both refuse `bytes` with a CodecError. */
function rejectsCodec(bytes: Uint8Array): void {
  for (const check of [decodeLogEntry, checkLogEntry])
    assert.throws(() => check(bytes), CodecError, check.name);
}

describe("log entry round trip", () => {
  test("key binding", () => {
    const entry: LogEntry = { type: "keyBinding", keyBinding: binding };
    const bytes = encodeLogEntry(entry);
    assert.deepEqual(decodeLogEntry(bytes), entry);
    assert.deepEqual(rawBinding(), bytes, "encoding is the documented field order");
  });

  test("revocations by index and by hash, every reason", () => {
    for (const reason of Object.values(RevocationReason)) {
      for (const revoked of [
        { kind: "leafIndex", leafIndex: 2 ** 40 } as const,
        { kind: "leafHash", leafHash: new Uint8Array(32).fill(9) } as const,
      ]) {
        const entry: LogEntry = {
          type: "revocation",
          revocation: { identity: "bob ☃", clientId: new Uint8Array([1, 2]), revoked, revokedAt: 99, reason },
        };
        assert.deepEqual(decodeLogEntry(encodeLogEntry(entry)), entry);
      }
    }
  });

  test("every signature scheme with its key size, and x509 credentials", () => {
    const sizes: [number, number][] = [
      [SignatureScheme.ed25519, 32],
      [SignatureScheme.ed448, 57],
      [SignatureScheme.ecdsa_secp256r1_sha256, 65],
      [SignatureScheme.ecdsa_secp384r1_sha384, 97],
      [SignatureScheme.ecdsa_secp521r1_sha512, 133],
    ];
    const x509 = new Writer()
      .u16(2)
      .vector([new Uint8Array([0x30, 1]), new Uint8Array([0x30, 2])], (w, c) => w.opaque(c))
      .finish();
    for (const [scheme, size] of sizes) {
      const key = new Uint8Array(size).fill(4);
      const entry: LogEntry = {
        type: "keyBinding",
        keyBinding: {
          ...binding,
          signatureScheme: scheme as SignatureScheme,
          signatureKey: key,
          credential: x509,
        },
      };
      assert.deepEqual(decodeLogEntry(encodeLogEntry(entry)), entry);
    }
  });

  test("fixture entries can be padded to an exact size", () => {
    assert.equal(sampleEntry(123, 200).length, 200);
  });
});

describe("log entry rejection rules", () => {
  test("unknown version", () => rejects(rawBinding({ version: (w) => w.u16(2) }), "unknown-version"));
  test("unknown entry type", () => rejects(rawBinding({ type: (w) => w.u8(3) }), "unknown-type"));
  test("empty identity", () =>
    rejects(rawBinding({ identity: (w) => w.opaque(new Uint8Array()) }), "empty-identity"));
  test("identity not UTF-8", () =>
    rejects(rawBinding({ identity: (w) => w.opaque(new Uint8Array([0x61, 0xff])) }), "identity-not-utf8"));
  test("empty client id", () =>
    rejects(rawBinding({ clientId: (w) => w.opaque(new Uint8Array()) }), "empty-client-id"));
  test("unknown signature scheme", () =>
    rejects(rawBinding({ scheme: (w) => w.u16(0x0401) }), "unknown-signature-scheme"));
  test("signature key of the wrong length", () =>
    rejects(rawBinding({ key: (w) => w.opaque(new Uint8Array(31)) }), "signature-key-length"));
  test("compressed ECDSA point", () =>
    rejects(
      rawBinding({ scheme: (w) => w.u16(0x0403), key: (w) => w.opaque(new Uint8Array(65).fill(2)) }),
      "signature-key-length",
    ));
  test("credential of an unknown type", () =>
    rejects(rawBinding({ credential: (w) => w.opaque(new Uint8Array([0, 9, 0])) }), "credential-malformed"));
  test("credential with an empty basic identity", () =>
    rejects(rawBinding({ credential: (w) => w.opaque(new Uint8Array([0, 1, 0])) }), "credential-malformed"));
  test("credential with trailing bytes", () => {
    const cred = new Uint8Array([...basicCredential("a"), 7]);
    rejects(rawBinding({ credential: (w) => w.opaque(cred) }), "credential-malformed");
  });
  test("x509 credential without certificates", () =>
    rejects(rawBinding({ credential: (w) => w.opaque(new Uint8Array([0, 2, 0])) }), "credential-malformed"));
  test("not_before equal to not_after", () =>
    rejects(rawBinding({ notAfter: (w) => w.u64(BigInt(binding.notBefore)) }), "validity-interval"));
  test("timestamp beyond 2^53-1", () =>
    rejects(rawBinding({ issuedAt: (w) => w.u64(1n << 60n) }), "integer-range"));
  test("unknown revoked reference type", () =>
    rejects(
      rawRevocation(3, 0, (w) => w.u64(1n)),
      "unknown-revoked-ref",
    ));
  test("unknown revocation reason", () =>
    rejects(
      rawRevocation(1, 5, (w) => w.u64(1n)),
      "unknown-revocation-reason",
    ));
  test("revocation by a leaf index beyond 2^53-1", () =>
    rejects(
      rawRevocation(1, 0, (w) => w.u64(1n << 62n)),
      "integer-range",
    ));

  test("trailing bytes", () => {
    rejectsCodec(new Uint8Array([...rawBinding(), 0]));
  });
  test("truncated entry", () => {
    const bytes = rawBinding();
    for (const cut of [0, 1, 3, 10, bytes.length - 1]) {
      rejectsCodec(bytes.subarray(0, cut));
    }
  });
  test("non-minimal varint length", () => {
    const id = new TextEncoder().encode(binding.identity);
    const padded = rawBinding({ identity: (w) => w.u8(0x40).u8(id.length).bytes(id) });
    rejectsCodec(padded);
  });

  test("the encoder refuses what the decoder would refuse", () => {
    const cases: [LogEntry, EntryRule][] = [
      [{ type: "keyBinding", keyBinding: { ...binding, identity: "" } }, "empty-identity"],
      [{ type: "keyBinding", keyBinding: { ...binding, identity: "a\ud800" } }, "identity-not-utf8"],
      [
        { type: "keyBinding", keyBinding: { ...binding, notAfter: binding.notBefore - 1 } },
        "validity-interval",
      ],
      [{ type: "keyBinding", keyBinding: { ...binding, issuedAt: -1 } }, "integer-range"],
      [
        {
          type: "revocation",
          revocation: {
            identity: "a",
            clientId: new Uint8Array([1]),
            revoked: { kind: "leafHash", leafHash: new Uint8Array(31) },
            revokedAt: 1,
            reason: 0,
          },
        },
        "unknown-revoked-ref",
      ],
    ];
    for (const [entry, rule] of cases) {
      assert.throws(
        () => encodeLogEntry(entry),
        (e: unknown) => e instanceof EntryFormatError && e.rule === rule,
        rule,
      );
    }
  });
});
