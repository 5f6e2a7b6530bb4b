/**
 * A versioned, self-contained serialization of one member's group state, so that a process can stop and a new
 * one continue where it left off. Layout (TLS presentation language, RFC 9420 §1.3):
 *
 * ```
 * struct {
 *   opaque magic[4];            // "PLGS"
 *   uint16 version;             // 2
 *   CipherSuite cipher_suite;   // the group's suite: its hash (or HMAC) protects the blob
 *   uint8 integrity;            // 0: hash, 1: HMAC under an application key
 *   opaque state<V>;            // StoredMemberState (state-codec.ts)
 *   opaque tag<V>;              // Hash or MAC("parley group state" || all of the above)
 * } StoredGroup;
 * ```
 *
 * The hash detects corruption; only the MAC, keyed by the application, detects deliberate tampering by someone
 * who can rewrite the whole blob. Either way a bad blob is refused with GROUP-31/32/33 before any of it is used.
 * The blob holds private keys and epoch secrets: store it as carefully as the process memory it mirrors.
 *
 * Version 2 stores each secret tree's live state instead of `encryption_secret` (RFC 9420 §9.2), and the
 * retained past epochs. Version 1 (which held `encryption_secret`, and so every message key of its epoch) was
 * never released; its blobs are refused as an unsupported version rather than read, so no version-1 blob can
 * bring a deleted key back.
 */
import { CodecError, Reader, Writer, bytesEqual, concatBytes, decode, encode } from "@parley/codec";
import type { CipherSuite, CryptoProvider } from "../crypto/provider.js";
import { MlsError, UsageError, ValidationError } from "../errors.js";
import type { ResumptionPskStore } from "../schedule/resumption-psk-store.js";
import { wipeSecretTreeState } from "../secret-tree/tree-state.js";
import type { ResolvedGroupConfig } from "./config.js";
import type { MemberState } from "./member-state.js";
import { GroupRule, groupViolation } from "./rules.js";
import { captureMemberState, restoreMemberState } from "./state-capture.js";
import { decodeStoredMemberState, encodeStoredMemberState } from "./state-codec.js";
import type { StoredMemberState } from "./state-codec.js";

const MAGIC = new TextEncoder().encode("PLGS");
const LABEL = new TextEncoder().encode("parley group state");
export const STATE_FORMAT_VERSION = 2;
const Integrity = { hash: 0, mac: 1 } as const;

export interface SerializeOptions {
  /** Protects the blob with HMAC under this key (any length) instead of a plain hash. */
  readonly macKey?: Uint8Array;
}

export interface RestoreOptions {
  /** Required when the blob was serialized with a MAC key; then a blob without a MAC is refused. */
  readonly macKey?: Uint8Array;
  /** Where the group's resumption PSKs go (shared with other groups of this client, e.g. for reinit). */
  readonly resumptionPsks?: ResumptionPskStore;
}

function tagOf(cs: CipherSuite, signed: Uint8Array, macKey: Uint8Array | undefined): Uint8Array {
  const input = concatBytes(LABEL, signed);
  return macKey === undefined ? cs.hash(input) : cs.mac(macKey, input);
}

/** The secret-tree states in a captured or decoded state are copies: zeroed once encoded or imported. */
function wipeTreeStates(stored: StoredMemberState): void {
  wipeSecretTreeState(stored.secretTree);
  for (const p of stored.pastEpochs) wipeSecretTreeState(p.secretTree);
}

export function serializeMemberState(m: MemberState, options: SerializeOptions = {}): Uint8Array {
  const cs = m.epoch.cs;
  const captured = captureMemberState(m);
  const body = encode(captured, encodeStoredMemberState);
  wipeTreeStates(captured);
  const w = new Writer(body.length + 128);
  w.bytes(MAGIC).u16(STATE_FORMAT_VERSION).u16(cs.id);
  w.u8(options.macKey === undefined ? Integrity.hash : Integrity.mac).opaque(body);
  const signed = w.finish();
  const tag = tagOf(cs, signed, options.macKey);
  body.fill(0);
  const out = new Writer(signed.length + tag.length + 4).bytes(signed).opaque(tag).finish();
  signed.fill(0);
  return out;
}

interface Envelope {
  readonly cs: CipherSuite;
  readonly body: Uint8Array;
}

const STATE_RULES: ReadonlySet<string> = new Set(
  [GroupRule.stateFormat, GroupRule.stateIntegrity, GroupRule.stateMalformed].map((r) => r.id),
);

/** Runs one stage of restoring; a codec or library error inside it means the blob is malformed (GROUP-33). */
function strictly<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof ValidationError && STATE_RULES.has(e.rule)) throw e;
    if (e instanceof CodecError || e instanceof MlsError) {
      throw groupViolation(GroupRule.stateMalformed, `${what} is malformed`, e);
    }
    throw e;
  }
}

interface RawEnvelope {
  readonly suite: number;
  readonly integrity: number;
  readonly body: Uint8Array;
  readonly signedLength: number;
  readonly tag: Uint8Array;
}

function readEnvelope(bytes: Uint8Array): RawEnvelope {
  const r = new Reader(bytes);
  r.bytes(MAGIC.length, "StoredGroup.magic");
  r.u16("StoredGroup.version");
  const suite = r.u16("StoredGroup.cipher_suite");
  const integrity = r.u8("StoredGroup.integrity");
  const body = r.opaque("StoredGroup.state");
  const signedLength = r.offset;
  const tag = r.opaque("StoredGroup.tag");
  r.done("StoredGroup");
  return { suite, integrity, body, signedLength, tag };
}

/** GROUP-31/32/33 on the envelope: magic and version first, then strict framing, then the hash or MAC. */
function openEnvelope(provider: CryptoProvider, bytes: Uint8Array, macKey: Uint8Array | undefined): Envelope {
  if (bytes.length < MAGIC.length + 2 || !bytesEqual(bytes.subarray(0, MAGIC.length), MAGIC)) {
    throw groupViolation(GroupRule.stateFormat, "not a serialized Parley group state");
  }
  const version = ((bytes[MAGIC.length] ?? 0) << 8) | (bytes[MAGIC.length + 1] ?? 0);
  if (version !== STATE_FORMAT_VERSION) {
    throw groupViolation(
      GroupRule.stateFormat,
      `unsupported state format version ${version} (this library reads version ${STATE_FORMAT_VERSION} only)`,
    );
  }
  const raw = strictly("the state envelope", () => readEnvelope(bytes));
  if (raw.integrity !== Integrity.hash && raw.integrity !== Integrity.mac) {
    throw groupViolation(GroupRule.stateFormat, `unknown integrity kind ${raw.integrity}`);
  }
  if (raw.integrity === Integrity.mac && macKey === undefined) {
    throw new UsageError("this group state is protected by a MAC: pass the macKey it was serialized with");
  }
  if (raw.integrity === Integrity.hash && macKey !== undefined) {
    throw groupViolation(GroupRule.stateIntegrity, "a MAC key was given but the state carries only a hash");
  }
  const cs = strictly(`cipher suite ${raw.suite}`, () => provider.suite(raw.suite));
  if (!bytesEqual(raw.tag, tagOf(cs, bytes.subarray(0, raw.signedLength), macKey))) {
    throw groupViolation(
      GroupRule.stateIntegrity,
      "the group state's integrity check fails (corrupted or altered)",
    );
  }
  return { cs, body: raw.body };
}

/** Restores a member state; every malformed, corrupted or inconsistent blob is a GROUP-31/32/33 error. */
export function restoreMemberStateFrom(
  config: ResolvedGroupConfig,
  bytes: Uint8Array,
  options: RestoreOptions = {},
): MemberState {
  const { cs, body } = openEnvelope(config.provider, bytes, options.macKey);
  const stored = strictly("the stored member state", () =>
    decode(body, decodeStoredMemberState, "StoredMemberState"),
  );
  try {
    return strictly("the stored member state", () =>
      restoreMemberState(cs, config, stored, options.resumptionPsks),
    );
  } finally {
    wipeTreeStates(stored);
  }
}
