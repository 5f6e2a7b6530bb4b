/**
 * Test PKIs made at test time with the `openssl` CLI: for Ed25519 and ECDSA P-256, a root, an intermediate
 * and an end entity, an unrelated root, and an end entity under a non-CA issuer, all valid for 30 days from
 * now. Keys live in a temporary directory that `remove()` deletes; nothing is committed.
 */
import { execFileSync } from "node:child_process";
import { X509Certificate, createPrivateKey } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KeyPair } from "../src/crypto/index.js";

export type PkiAlgorithm = "ed25519" | "p256";

export interface Pki {
  /** PEM of the trusted root. */
  readonly root: string;
  /** PEM of a root that issued nothing here. */
  readonly otherRoot: string;
  readonly rootDer: Uint8Array;
  readonly intermediate: Uint8Array;
  readonly leaf: Uint8Array;
  /** The end entity's key pair in MLS form (§5.1.1: raw EdDSA, uncompressed SEC1 point). */
  readonly leafKeys: KeyPair;
  /** An end entity issued by a certificate that is not a CA, that issuer, and the end entity's MLS key. */
  readonly rogueLeaf: Uint8Array;
  readonly rogueIssuer: Uint8Array;
  readonly rogueLeafKey: Uint8Array;
}

export interface TestPkis {
  get(alg: PkiAlgorithm): Pki;
  remove(): void;
}

const EXTENSIONS = `
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
subjectAltName=email:alice@example.com
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
`;

function base64url(value: string | undefined): Uint8Array {
  return new Uint8Array(Buffer.from(value ?? "", "base64url"));
}

function tools(dir: string) {
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const keygen = (name: string, alg: PkiAlgorithm) =>
    alg === "ed25519"
      ? openssl("genpkey", "-algorithm", "ed25519", "-out", `${name}.key`)
      : openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", `${name}.key`);
  const request = (name: string, alg: PkiAlgorithm) => {
    keygen(name, alg);
    openssl("req", "-new", "-key", `${name}.key`, "-subj", `/CN=${name}`, "-out", `${name}.csr`);
  };
  const sign = (name: string, profile: "ca" | "leaf", by: string[]) =>
    openssl(
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      ...by,
      "-days",
      "30",
      "-extfile",
      "ext.cnf",
      "-extensions",
      profile,
      "-out",
      `${name}.pem`,
    );
  return {
    selfSigned(name: string, alg: PkiAlgorithm) {
      request(name, alg);
      sign(name, "ca", ["-signkey", `${name}.key`]);
    },
    issued(name: string, alg: PkiAlgorithm, issuer: string, profile: "ca" | "leaf", serial: number) {
      request(name, alg);
      sign(name, profile, ["-CA", `${issuer}.pem`, "-CAkey", `${issuer}.key`, "-set_serial", String(serial)]);
    },
    pem: (name: string) => readFileSync(join(dir, `${name}.pem`), "utf8"),
    der: (name: string) => new Uint8Array(new X509Certificate(readFileSync(join(dir, `${name}.pem`))).raw),
    /** The MLS raw private key (EdDSA seed / ECDSA scalar) and public key from the PEM private key. */
    mlsKeys(name: string): KeyPair {
      const jwk = createPrivateKey(readFileSync(join(dir, `${name}.key`))).export({ format: "jwk" });
      const x = base64url(jwk.x);
      const publicKey = jwk.kty === "OKP" ? x : Uint8Array.from([4, ...x, ...base64url(jwk.y)]);
      return { privateKey: base64url(jwk.d), publicKey };
    },
  };
}

function makePki(t: ReturnType<typeof tools>, alg: PkiAlgorithm): Pki {
  const n = (name: string) => `${alg}-${name}`;
  t.selfSigned(n("root"), alg);
  t.selfSigned(n("other"), alg);
  t.issued(n("int"), alg, n("root"), "ca", 2);
  t.issued(n("leaf"), alg, n("int"), "leaf", 3);
  t.issued(n("rogue-issuer"), alg, n("root"), "leaf", 4);
  t.issued(n("rogue-leaf"), alg, n("rogue-issuer"), "leaf", 5);
  return {
    root: t.pem(n("root")),
    otherRoot: t.pem(n("other")),
    rootDer: t.der(n("root")),
    intermediate: t.der(n("int")),
    leaf: t.der(n("leaf")),
    leafKeys: t.mlsKeys(n("leaf")),
    rogueLeaf: t.der(n("rogue-leaf")),
    rogueIssuer: t.der(n("rogue-issuer")),
    rogueLeafKey: t.mlsKeys(n("rogue-leaf")).publicKey,
  };
}

export function createTestPkis(): TestPkis {
  const dir = mkdtempSync(join(tmpdir(), "parley-x509-"));
  try {
    writeFileSync(join(dir, "ext.cnf"), EXTENSIONS);
    const t = tools(dir);
    const made = new Map<PkiAlgorithm, Pki>([
      ["ed25519", makePki(t, "ed25519")],
      ["p256", makePki(t, "p256")],
    ]);
    return {
      get(alg) {
        const pki = made.get(alg);
        if (pki === undefined) throw new Error(`no test PKI for ${alg}`);
        return pki;
      },
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
