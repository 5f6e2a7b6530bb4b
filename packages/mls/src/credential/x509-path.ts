/**
 * X.509 path checks for RFC 9420 §5.3 credentials with `node:crypto`'s `X509Certificate`: the chain is
 * ordered end-entity first, each certificate issued and signed by the next, ending at or directly below a
 * configured trust anchor, all within their validity periods. Not checked (OpenSSL's `X509Certificate` does
 * not expose them): keyUsage bits, path-length and name constraints, revocation. Applications needing those
 * check them in their `checkCertificate` hook or fetch revocation data ahead of validation.
 */
import { X509Certificate } from "node:crypto";
import { bytesEqual } from "@parley/codec";
import { ValidationError } from "../errors.js";
import { CredentialRule } from "./rules.js";

/** A bound on work per credential: a peer cannot make us verify an arbitrarily long chain. */
export const MAX_CHAIN_LENGTH = 10;

type Rule = { readonly id: string; readonly section: string };

function fail(rule: Rule, message: string, cause?: unknown): never {
  throw new ValidationError(rule.id, rule.section, message, cause === undefined ? undefined : { cause });
}

/** Parses a PEM string or DER bytes; a trust anchor that does not parse is a configuration error. */
export function parseCertificate(input: string | Uint8Array): X509Certificate {
  return new X509Certificate(typeof input === "string" ? input : Buffer.from(input));
}

/** CRED-3: §5.3 "each entry in the certificates field represents a single DER-encoded X.509 certificate". */
export function parseChain(ders: readonly Uint8Array[]): [X509Certificate, ...X509Certificate[]] {
  if (ders.length > MAX_CHAIN_LENGTH) {
    fail(
      CredentialRule.x509Format,
      `the X.509 chain has ${ders.length} certificates, at most ${MAX_CHAIN_LENGTH} allowed`,
    );
  }
  const chain = ders.map((der, i) => {
    try {
      return parseCertificate(der);
    } catch (e) {
      return fail(CredentialRule.x509Format, `certificates[${i}] is not a DER X.509 certificate`, e);
    }
  });
  const [endEntity, ...rest] = chain;
  if (endEntity === undefined)
    return fail(CredentialRule.x509Format, "the X.509 credential has no certificates");
  return [endEntity, ...rest];
}

/** Whether `parent` issued and signed `child`, and may issue certificates at all (basicConstraints cA). */
function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  return parent.ca && child.checkIssued(parent) && child.verify(parent.publicKey);
}

/** CRED-5: certificates[i+1] issued certificates[i], for every i. */
export function checkChainOrder(chain: readonly X509Certificate[]): void {
  for (let i = 0; i + 1 < chain.length; i++) {
    const [child, parent] = [chain[i], chain[i + 1]];
    if (child === undefined || parent === undefined || !issuedBy(child, parent)) {
      fail(CredentialRule.x509ChainOrder, `certificates[${i}] is not issued by certificates[${i + 1}]`);
    }
  }
}

/**
 * CRED-6: the anchor the chain ends at. Either the chain's last certificate is itself an anchor (the chain
 * includes the root, or pins a certificate directly) or an anchor issued it; §5.3 lets a chain omit
 * certificates "that supported peers are known to already possess".
 */
export function findTrustAnchor(
  chain: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
): X509Certificate {
  const last = chain[chain.length - 1];
  if (last === undefined) return fail(CredentialRule.x509Format, "the X.509 credential has no certificates");
  const same = anchors.find((a) => bytesEqual(a.raw, last.raw));
  if (same !== undefined) return same;
  const issuer = anchors.find((a) => issuedBy(last, a));
  if (issuer === undefined) {
    return fail(CredentialRule.x509TrustAnchor, "the certificate chain does not lead to a trusted anchor");
  }
  return issuer;
}

function validityDate(text: string): number {
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new TypeError(`unparseable certificate validity date "${text}"`);
  return t;
}

/** CRED-7: every certificate on the path, anchor included, is valid at `now`. */
export function checkValidity(path: readonly X509Certificate[], now: Date): void {
  const t = now.getTime();
  for (const cert of path) {
    if (t < validityDate(cert.validFrom) || t > validityDate(cert.validTo)) {
      fail(
        CredentialRule.x509Validity,
        `certificate "${cert.subject.replace(/\n/g, ", ")}" is valid from ${cert.validFrom} to ${cert.validTo}, not at ${now.toISOString()}`,
      );
    }
  }
}
