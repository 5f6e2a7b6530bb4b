import { toHex } from "@parley/codec";
import { CipherSuiteId, nodeProvider, SignatureSchemeId, type KeyPair } from "@parley/mls";
import type { ParleyIssuer, ParleyTrust } from "../src/index.js";

export const ed25519 = nodeProvider.suite(CipherSuiteId.MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519);
export const p256 = nodeProvider.suite(CipherSuiteId.MLS_128_DHKEMP256_AES128GCM_SHA256_P256);

export interface TestIssuer {
  readonly issuer: ParleyIssuer;
  readonly trust: ParleyTrust;
  readonly publicKey: Uint8Array;
}

export function makeIssuer(name = "as-1"): TestIssuer {
  const pair = ed25519.generateSignatureKeyPair();
  const keyId = new TextEncoder().encode(name);
  return {
    issuer: { keyId, privateKey: pair.privateKey },
    trust: { issuers: new Map([[toHex(keyId), pair.publicKey]]) },
    publicKey: pair.publicKey,
  };
}

export interface TestClient {
  readonly scheme: number;
  readonly keys: KeyPair;
}

export function makeClient(kind: "ed25519" | "p256" = "ed25519"): TestClient {
  return kind === "ed25519"
    ? { scheme: SignatureSchemeId.ed25519, keys: ed25519.generateSignatureKeyPair() }
    : { scheme: SignatureSchemeId.ecdsa_secp256r1_sha256, keys: p256.generateSignatureKeyPair() };
}

/** 2025-01-01T00:00:00Z and one day after, in seconds. */
export const T0 = 1_735_689_600;
export const DAY = 86_400;
export const atSeconds = (s: number): Date => new Date(s * 1000);
