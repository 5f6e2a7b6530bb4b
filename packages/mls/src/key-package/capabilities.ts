/**
 * The capabilities a new LeafNode advertises (RFC 9420 §7.2): every version, suite and credential type the
 * client supports, the non-default extension and proposal types it supports, never the default ones, and —
 * as §13.5 recommends — a random GREASE value in each extensible list.
 */
import { ProtocolVersion } from "../codec/index.js";
import type { Capabilities } from "../codec/index.js";
import { SUPPORTED_SUITES } from "../crypto/algorithms.js";
import type { CryptoProvider } from "../crypto/provider.js";
import { UsageError } from "../errors.js";
import { GREASE_VALUES, isDefaultExtensionType, isDefaultProposalType } from "../extensions/index.js";

/** What the application says it supports; each list defaults as documented. */
export interface CapabilitiesOptions {
  /** Default: every suite this library implements (§7.2: "MUST list all values … that it supports"). */
  readonly cipherSuites?: readonly number[];
  /** Non-default extension types supported beyond those the KeyPackage itself uses. Default: none. */
  readonly extensions?: readonly number[];
  /** Non-default proposal types supported. Default: none. */
  readonly proposals?: readonly number[];
  /** Credential types supported besides the one in use. Default: only the one in use. */
  readonly credentials?: readonly number[];
  /** §13.5 GREASE values in the lists receivers must ignore unknown values of. Default: true. */
  readonly grease?: boolean;
}

/** Facts about the KeyPackage being built that its capabilities must reflect (§7.2, §10). */
export interface CapabilitiesInUse {
  readonly cipherSuite: number;
  readonly credentialType: number;
  /** Types of every extension in KeyPackage.extensions and LeafNode.extensions. */
  readonly extensionTypes: readonly number[];
}

function withValues(base: readonly number[], extra: readonly number[]): number[] {
  const out = [...base];
  for (const v of extra) if (!out.includes(v)) out.push(v);
  return out;
}

function refuseDefaults(values: readonly number[], isDefault: (t: number) => boolean, what: string): void {
  const found = values.find(isDefault);
  if (found !== undefined) {
    throw new UsageError(`${what} type ${found} is a default type; §7.2 forbids listing it in capabilities`);
  }
}

/** A GREASE value not already in `list`, chosen with the provider's randomness. */
function greaseFor(list: readonly number[], random: Uint8Array, at: number): number {
  const free = GREASE_VALUES.filter((g) => !list.includes(g));
  return free[(random[at] ?? 0) % free.length] ?? 0x0a0a;
}

export function buildCapabilities(
  provider: CryptoProvider,
  inUse: CapabilitiesInUse,
  options: CapabilitiesOptions = {},
): Capabilities {
  const extensionsOption = options.extensions ?? [];
  const proposals = [...(options.proposals ?? [])];
  refuseDefaults(extensionsOption, isDefaultExtensionType, "extension");
  refuseDefaults(proposals, isDefaultProposalType, "proposal");
  const extensions = withValues(
    extensionsOption,
    inUse.extensionTypes.filter((t) => !isDefaultExtensionType(t)),
  );
  const cipherSuites = withValues(options.cipherSuites ?? SUPPORTED_SUITES, [inUse.cipherSuite]);
  const credentials = withValues(options.credentials ?? [], [inUse.credentialType]);
  if (options.grease ?? true) {
    const random = provider.randomBytes(4);
    cipherSuites.push(greaseFor(cipherSuites, random, 0));
    extensions.push(greaseFor(extensions, random, 1));
    proposals.push(greaseFor(proposals, random, 2));
    credentials.push(greaseFor(credentials, random, 3));
  }
  return { versions: [ProtocolVersion.mls10], cipherSuites, extensions, proposals, credentials };
}
