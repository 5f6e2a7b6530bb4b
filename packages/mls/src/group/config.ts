/**
 * What an application decides about its groups (RFC 9420 leaves these to it): the crypto provider, the
 * Authentication Service hook (§5.3.1), the wire format of handshake messages (§6), how many past epochs stay
 * decryptable for late application messages (§15.3, §9.2), and where external PSKs come from (§8.4).
 */
import { toHex } from "@parley/codec";
import type { CredentialValidator } from "../credential/validator.js";
import type { CryptoProvider } from "../crypto/provider.js";
import { UsageError } from "../errors.js";
import { DEFAULT_MAX_LIFETIME_SECONDS } from "../key-package/lifetime.js";
import type { RatchetPolicy } from "../secret-tree/sender-ratchet.js";

/** How this member sends proposals and commits; application data is always a PrivateMessage (§6). */
export type HandshakeWireFormat = "public" | "private";

/** The application's external PSKs (§8.4), looked up by `psk_id`. */
export interface ExternalPskStore {
  get(pskId: Uint8Array): Uint8Array | undefined;
}

/** A simple in-memory `ExternalPskStore`. */
export class MemoryPskStore implements ExternalPskStore {
  readonly #psks = new Map<string, Uint8Array>();

  set(pskId: Uint8Array, psk: Uint8Array): this {
    this.#psks.set(toHex(pskId), psk.slice());
    return this;
  }

  get(pskId: Uint8Array): Uint8Array | undefined {
    return this.#psks.get(toHex(pskId));
  }

  delete(pskId: Uint8Array): void {
    this.#psks.get(toHex(pskId))?.fill(0);
    this.#psks.delete(toHex(pskId));
  }
}

export interface GroupConfig {
  readonly provider: CryptoProvider;
  /** §5.3.1: called for every credential met in a KeyPackage, Update, Commit path or external sender. */
  readonly validateCredential: CredentialValidator;
  /** Wire format of proposals and commits this member sends. Default `"public"`. */
  readonly handshakeWireFormat?: HandshakeWireFormat;
  /**
   * When set, handshake messages from members must arrive in this wire format (GROUP-30). Default: both
   * are accepted; messages from non-members are always PublicMessages.
   */
  readonly requireHandshakeWireFormat?: HandshakeWireFormat;
  /** Past epochs whose secret trees are kept to decrypt late application messages. Default 1; 0 disables. */
  readonly retainedEpochs?: number;
  /** Past epochs whose resumption PSKs are kept (§8.6). Default 8. */
  readonly resumptionPskEpochs?: number;
  readonly externalPsks?: ExternalPskStore;
  /** Out-of-order tolerance of the secret tree (§15.3). */
  readonly ratchetPolicy?: Partial<RatchetPolicy>;
  /** Zero bytes appended to each PrivateMessage (§15.1). Default 0. */
  readonly paddingLength?: number;
  /** The clock for KeyPackage lifetimes and credential checks. Default: the system clock. */
  readonly now?: () => Date;
  /**
   * Whether the KeyPackages of Adds must be within their lifetime now (§7.3 makes it a SHOULD, since a
   * KeyPackage may expire between proposal and commit). Default true.
   */
  readonly checkKeyPackageLifetime?: boolean;
  /** §7.2: the longest total lifetime accepted in an added KeyPackage. Default 90 days. */
  readonly maxKeyPackageLifetimeSeconds?: number;
}

/** `GroupConfig` with every default filled in. */
export interface ResolvedGroupConfig {
  readonly provider: CryptoProvider;
  readonly validateCredential: CredentialValidator;
  readonly handshakeWireFormat: HandshakeWireFormat;
  readonly requireHandshakeWireFormat: HandshakeWireFormat | undefined;
  readonly retainedEpochs: number;
  readonly resumptionPskEpochs: number;
  readonly externalPsks: ExternalPskStore | undefined;
  readonly ratchetPolicy: Partial<RatchetPolicy>;
  readonly paddingLength: number;
  readonly now: () => Date;
  readonly checkKeyPackageLifetime: boolean;
  readonly maxKeyPackageLifetimeSeconds: number;
}

function count(value: number | undefined, fallback: number, what: string, min: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) throw new UsageError(`${what} must be an integer ≥ ${min}, got ${v}`);
  return v;
}

export function resolveConfig(config: GroupConfig): ResolvedGroupConfig {
  return {
    provider: config.provider,
    validateCredential: config.validateCredential,
    handshakeWireFormat: config.handshakeWireFormat ?? "public",
    requireHandshakeWireFormat: config.requireHandshakeWireFormat,
    retainedEpochs: count(config.retainedEpochs, 1, "retainedEpochs", 0),
    resumptionPskEpochs: count(config.resumptionPskEpochs, 8, "resumptionPskEpochs", 1),
    externalPsks: config.externalPsks,
    ratchetPolicy: config.ratchetPolicy ?? {},
    paddingLength: count(config.paddingLength, 0, "paddingLength", 0),
    now: config.now ?? (() => new Date()),
    checkKeyPackageLifetime: config.checkKeyPackageLifetime ?? true,
    maxKeyPackageLifetimeSeconds: config.maxKeyPackageLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS,
  };
}
