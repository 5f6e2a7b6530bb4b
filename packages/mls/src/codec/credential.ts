import type { Reader, Writer } from "@parley/codec";
import { UsageError } from "../errors.js";

/** RFC 9420 §5.3 / §17.5 credential types defined by the RFC; other code points are carried opaquely. */
export const CredentialType = { basic: 1, x509: 2 } as const;
export type KnownCredentialType = (typeof CredentialType)[keyof typeof CredentialType];

/** RFC 9420 §5.3: one DER-encoded X.509 certificate. */
export interface Certificate {
  readonly certData: Uint8Array;
}

export interface BasicCredential {
  readonly credentialType: typeof CredentialType.basic;
  readonly identity: Uint8Array;
  readonly credentialData?: undefined;
}

export interface X509Credential {
  readonly credentialType: typeof CredentialType.x509;
  /** End-entity certificate first. */
  readonly certificates: readonly Certificate[];
  readonly credentialData?: undefined;
}

/**
 * A credential type RFC 9420 does not define. §13.3 lets applications introduce credential types,
 * but the RFC gives no layout for their body; like deployed implementations we read it as
 * `opaque credential_data<V>`, so such leaves can be carried, hashed and re-encoded unchanged.
 * Whether the group accepts the type is decided at validation (§7.3 capabilities), not here.
 * `credentialData` being present is what distinguishes this variant.
 */
export interface UnknownCredential {
  readonly credentialType: number;
  readonly credentialData: Uint8Array;
}

export type Credential = BasicCredential | X509Credential | UnknownCredential;

export function encodeCertificate(w: Writer, v: Certificate): void {
  w.opaque(v.certData);
}

export function decodeCertificate(r: Reader, path = "Certificate"): Certificate {
  return { certData: r.opaque(`${path}.cert_data`) };
}

export function encodeCredential(w: Writer, v: Credential): void {
  if (v.credentialData !== undefined) {
    if (v.credentialType === CredentialType.basic || v.credentialType === CredentialType.x509) {
      throw new UsageError(`credential type ${v.credentialType} is defined by RFC 9420; use its own fields`);
    }
    if (v.credentialType === 0) throw new UsageError("cannot encode the reserved credential type 0");
    w.u16(v.credentialType).opaque(v.credentialData);
    return;
  }
  w.u16(v.credentialType);
  switch (v.credentialType) {
    case CredentialType.basic:
      w.opaque(v.identity);
      return;
    case CredentialType.x509:
      w.vector(v.certificates, encodeCertificate);
      return;
  }
}

export function decodeCredential(r: Reader, path = "Credential"): Credential {
  const field = `${path}.credential_type`;
  const credentialType = r.u16(field);
  switch (credentialType) {
    case 0:
      return r.fail("credential type 0 is reserved", field);
    case CredentialType.basic:
      return { credentialType, identity: r.opaque(`${path}.identity`) };
    case CredentialType.x509: {
      const certs = `${path}.certificates`;
      return {
        credentialType,
        certificates: r.vector(certs, (sub, i) => decodeCertificate(sub, `${certs}[${i}]`)),
      };
    }
    default:
      return { credentialType, credentialData: r.opaque(`${path}.credential_data`) };
  }
}
