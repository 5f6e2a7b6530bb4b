/**
 * How the harness sets Parley up for each client: the GroupConfig (RFC 9420 leaves these choices to the
 * application), the cipher suites, and fresh key packages and signature keys with basic credentials (the
 * contract's tests use Basic credentials only).
 */
import {
  SUPPORTED_SUITES,
  basicCredential,
  basicCredentialValidator,
  createKeyPackage,
  nodeProvider,
  type CreatedKeyPackage,
  type GroupConfig,
  type MemoryPskStore,
} from "@parley/mls";
import { badRequest } from "./errors.js";

/**
 * §7.2 makes the longest acceptable KeyPackage lifetime an application policy. Other implementations publish
 * far longer ones than Parley's 90-day default (ts-mls: 0 … 2^63−1), and the contract says nothing about
 * lifetimes, so the harness accepts any range a uint64 can express.
 */
const ANY_LIFETIME_SECONDS = 2 ** 64;

/** One member's configuration: handshake wire format per `encrypt_handshake` (§6), its own PSK store. */
export function groupConfig(encrypt: boolean, psks: MemoryPskStore): GroupConfig {
  return {
    provider: nodeProvider,
    validateCredential: basicCredentialValidator(),
    handshakeWireFormat: encrypt ? "private" : "public",
    externalPsks: psks,
    maxKeyPackageLifetimeSeconds: ANY_LIFETIME_SECONDS,
  };
}

export function supportedSuites(): number[] {
  return [...SUPPORTED_SUITES];
}

/** The suite id if Parley implements it, else INVALID_ARGUMENT naming the RPC. */
export function checkSuite(rpc: string, id: number): number {
  if (!SUPPORTED_SUITES.includes(id)) throw badRequest(rpc, `cipher suite ${id} is not one Parley knows`);
  return id;
}

/** A fresh key package (as `createKeyPackage` returns it, with its private keys) for `identity`. */
export function newKeyPackage(rpc: string, suite: number, identity: Uint8Array): CreatedKeyPackage {
  const cs = nodeProvider.suite(checkSuite(rpc, suite));
  return createKeyPackage({
    provider: nodeProvider,
    cipherSuite: cs.id,
    credential: basicCredential(identity),
    signatureKeyPair: cs.generateSignatureKeyPair(),
  });
}
