/**
 * The RFC 9420 §5.3.1 credential hook for the KeyPackages of one publish request. The request was
 * authenticated a moment ago with the caller's credential and signature key at the same instant
 * (auth/authenticate.ts), so a KeyPackage whose leaf carries exactly that credential for exactly
 * that key needs no second AS signature check, only the suite's signature scheme (§5.1.2); any
 * other credential goes through the full Parley validator. Publishing 100 KeyPackages then costs
 * one AS verification instead of 100.
 */
import { bytesEqual } from "@parley/codec";
import type { VerifiedClient } from "@parley/identity";
import { CredentialType, nodeProvider, type Credential, type CredentialValidator } from "@parley/mls";

function basicIdentity(c: Credential): Uint8Array | undefined {
  return c.credentialType === CredentialType.basic && "identity" in c ? c.identity : undefined;
}

function sameBasicCredential(a: Credential, b: Credential): boolean {
  const [x, y] = [basicIdentity(a), basicIdentity(b)];
  return x !== undefined && y !== undefined && bytesEqual(x, y);
}

export function callerCredentialValidator(
  full: CredentialValidator,
  caller: VerifiedClient,
): CredentialValidator {
  return (credential, signatureKey, context) => {
    if (
      sameBasicCredential(credential, caller.credential) &&
      bytesEqual(signatureKey, caller.signatureKey) &&
      nodeProvider.suite(context.cipherSuite).signatureScheme === caller.signatureScheme
    ) {
      return;
    }
    full(credential, signatureKey, context);
  };
}
