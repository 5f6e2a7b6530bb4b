/**
 * The crypto-layer cases in cipher suite 1 (X25519, AES-128-GCM, SHA-256, Ed25519): the RFC 9420 §5.1
 * labelled operations and the bare AEAD, each beside its bare `node:crypto` equivalent.
 */
import { Writer, bytesEqual } from "@parley/codec";
import {
  decryptWithLabel,
  encryptWithLabel,
  signWithLabel,
  verifyWithLabel,
  type CipherSuite,
  type CryptoProvider,
} from "../../packages/mls/src/crypto/index.js";
import {
  bareAead,
  bareDhHkdfMinimum,
  bareHpkeRfc9180,
  bareSign,
  bareVerify,
  ed25519Keys,
  x25519Keys,
} from "./bare.js";
import type { BenchCase } from "./harness.js";

const SUITE = 1;
const LABEL = "LeafNodeTBS";

/** Two labelled vectors: RFC 9420 §5.1.2 SignContent and §5.1.3 EncryptContext have this shape. */
function labelled(label: string, content: Uint8Array): Uint8Array {
  return new Writer()
    .opaque(new TextEncoder().encode(`MLS 1.0 ${label}`))
    .opaque(content)
    .finish();
}

/** The exact bytes SignWithLabel signs, so the bare sign does the same work. */
const signContent = labelled;
/** The HPKE info EncryptWithLabel uses, so the bare HPKE does the same work. */
const encryptContext = labelled;

interface Fixture {
  readonly cs: CipherSuite;
  readonly ref: CipherSuite;
  readonly reference: CryptoProvider;
  readonly base: { group: string; provider: string };
}

function signatureCases({ cs, ref, reference, base }: Fixture): BenchCase[] {
  const content = reference.randomBytes(256);
  const signer = ref.generateSignatureKeyPair();
  const signature = signWithLabel(ref, signer.privateKey, LABEL, content);
  const keys = ed25519Keys(signer.privateKey, signer.publicKey);
  return [
    {
      ...base,
      operation: "SignWithLabel (Ed25519, 256 B)",
      subject: () => void signWithLabel(cs, signer.privateKey, LABEL, content),
      bare: {
        name: "crypto.sign(null, msg, KeyObject)",
        run: bareSign(keys.sk, signContent(LABEL, content)),
      },
    },
    {
      ...base,
      operation: "VerifyWithLabel (Ed25519, 256 B)",
      subject: () => {
        if (!verifyWithLabel(cs, signer.publicKey, LABEL, content, signature))
          throw new Error("verify failed");
      },
      bare: {
        name: "crypto.verify(null, msg, KeyObject, sig)",
        run: bareVerify(keys.pk, signContent(LABEL, content), signature),
      },
    },
  ];
}

function hpkeCases({ cs, ref, reference, base }: Fixture): BenchCase[] {
  const keys = ref.hpke.generateKeyPair();
  const context = reference.randomBytes(32);
  const message = reference.randomBytes(100);
  const recipient = x25519Keys(keys.privateKey);
  // The conformant baseline must really be HPKE: its ciphertext has to open with Parley's DecryptWithLabel.
  const conformant = bareHpkeRfc9180(recipient, message, encryptContext(LABEL, context));
  const probe = conformant.seal();
  const opened = decryptWithLabel(ref, keys.privateKey, LABEL, context, probe.enc, probe.ct);
  if (!bytesEqual(opened, message)) throw new Error("the bare RFC 9180 baseline does not produce HPKE");
  const hpke: BenchCase = {
    ...base,
    operation: "EncryptWithLabel+DecryptWithLabel (HPKE X25519, 100 B)",
    subject: () => {
      const { kemOutput, ciphertext } = encryptWithLabel(cs, keys.publicKey, LABEL, context, message);
      decryptWithLabel(cs, keys.privateKey, LABEL, context, kemOutput, ciphertext);
    },
  };
  return [
    { ...hpke, bare: { name: "RFC 9180 calls: keygen, 2 DH, JWK, 12 HMAC, GCM", run: conformant.run } },
    {
      ...hpke,
      bare: {
        name: "non-HPKE minimum: keygen, 2 DH, JWK, 2 hkdfSync, GCM",
        run: bareDhHkdfMinimum(recipient, message, context),
      },
    },
  ];
}

function aeadCase({ cs, reference, base }: Fixture, size: number): BenchCase {
  const key = new Uint8Array(cs.aeadKeyLength).fill(1);
  const nonce = new Uint8Array(cs.aeadNonceLength).fill(2);
  const aad = new Uint8Array(0);
  const pt = reference.randomBytes(size);
  return {
    ...base,
    operation: `AEAD seal+open ${size} B`,
    subject: () => void cs.open(key, nonce, aad, cs.seal(key, nonce, aad, pt)),
    bare: { name: "createCipheriv+createDecipheriv aes-128-gcm", run: bareAead(pt) },
  };
}

/** All crypto cases for `provider`; fixtures (keys, signatures) come from `reference`. */
export function cryptoCases(provider: CryptoProvider, reference: CryptoProvider): BenchCase[] {
  const f: Fixture = {
    cs: provider.suite(SUITE),
    ref: reference.suite(SUITE),
    reference,
    base: { group: "crypto", provider: provider.name },
  };
  return [...signatureCases(f), ...hpkeCases(f), aeadCase(f, 100), aeadCase(f, 10 * 1024)];
}
