import { CodecError, Reader, Writer, bytesEqual, fromHex } from "@parley/codec";
import * as codec from "../codec/index.js";
import type { CryptoProvider } from "../crypto/provider.js";
import { UsageError } from "../errors.js";
import type { VectorOutcome, VectorRunner } from "./types.js";

/** The vector's bytes parsed, but not as the kind of message the field should hold. */
export class WrongMessageKind extends Error {
  override readonly name = "WrongMessageKind";
}

/** Decodes `bytes` completely, then re-encodes; throws on a decoding failure or the wrong kind. */
function reencode<T>(
  bytes: Uint8Array,
  decode: (r: Reader, path: string) => T,
  encode: (w: Writer, v: T) => void,
  path: string,
  expect?: (v: T) => string | undefined,
): Uint8Array {
  const r = new Reader(bytes);
  const value = decode(r, path);
  r.done(path);
  const wrong = expect?.(value);
  if (wrong !== undefined) throw new WrongMessageKind(wrong);
  const w = new Writer(bytes.length + 16);
  encode(w, value);
  return w.finish();
}

type RoundTrip = (bytes: Uint8Array, path: string) => Uint8Array;

function struct<T>(decode: (r: Reader, path: string) => T, encode: (w: Writer, v: T) => void): RoundTrip {
  return (bytes, path) => reencode(bytes, decode, encode, path);
}

/** An MLSMessage whose wire format (and, for a PublicMessage, content type) must match. */
function mlsMessage(wireFormat: codec.WireFormat, contentType?: codec.ContentType): RoundTrip {
  const expect = (m: codec.MLSMessage): string | undefined => {
    if (m.wireFormat !== wireFormat) return `wire format ${m.wireFormat}, expected ${wireFormat}`;
    if (contentType === undefined || m.wireFormat !== codec.WireFormat.mlsPublicMessage) return undefined;
    const got = m.publicMessage.content.contentType;
    return got === contentType ? undefined : `content type ${got}, expected ${contentType}`;
  };
  return (bytes, path) => reencode(bytes, codec.decodeMLSMessage, codec.encodeMLSMessage, path, expect);
}

const { WireFormat, ContentType } = codec;

/**
 * What each field of a `messages.json` case holds (RFC 9420 test-vectors spec): three MLSMessages of
 * a given wire format, the `ratchet_tree` extension body, a GroupSecrets, the bare body of each of the
 * seven proposal types (`add_proposal` is an `Add`), a Commit, and four framed MLSMessages.
 */
export const MESSAGE_FIELDS: readonly (readonly [string, RoundTrip])[] = [
  ["mls_welcome", mlsMessage(WireFormat.mlsWelcome)],
  ["mls_group_info", mlsMessage(WireFormat.mlsGroupInfo)],
  ["mls_key_package", mlsMessage(WireFormat.mlsKeyPackage)],
  ["ratchet_tree", struct(codec.decodeRatchetTree, codec.encodeRatchetTree)],
  ["group_secrets", struct(codec.decodeGroupSecrets, codec.encodeGroupSecrets)],
  ["add_proposal", struct(codec.decodeAdd, codec.encodeAdd)],
  ["update_proposal", struct(codec.decodeUpdate, codec.encodeUpdate)],
  ["remove_proposal", struct(codec.decodeRemove, codec.encodeRemove)],
  ["pre_shared_key_proposal", struct(codec.decodePreSharedKey, codec.encodePreSharedKey)],
  ["re_init_proposal", struct(codec.decodeReInit, codec.encodeReInit)],
  ["external_init_proposal", struct(codec.decodeExternalInit, codec.encodeExternalInit)],
  [
    "group_context_extensions_proposal",
    struct(codec.decodeGroupContextExtensions, codec.encodeGroupContextExtensions),
  ],
  ["commit", struct(codec.decodeCommit, codec.encodeCommit)],
  ["public_message_application", mlsMessage(WireFormat.mlsPublicMessage, ContentType.application)],
  ["public_message_proposal", mlsMessage(WireFormat.mlsPublicMessage, ContentType.proposal)],
  ["public_message_commit", mlsMessage(WireFormat.mlsPublicMessage, ContentType.commit)],
  ["private_message", mlsMessage(WireFormat.mlsPrivateMessage)],
];

function checkField(fields: Record<string, unknown>, name: string, roundTrip: RoundTrip): string | undefined {
  const hex = fields[name];
  if (typeof hex !== "string" || !/^([0-9a-f]{2})*$/i.test(hex)) return `${name} is missing or not hex`;
  const bytes = fromHex(hex);
  let again: Uint8Array;
  try {
    again = roundTrip(bytes, name);
  } catch (e) {
    if (e instanceof CodecError || e instanceof WrongMessageKind || e instanceof UsageError)
      return `${name}: ${e.message}`;
    throw e;
  }
  if (bytesEqual(again, bytes)) return undefined;
  let at = 0;
  while (at < bytes.length && at < again.length && bytes[at] === again[at]) at++;
  return `${name} re-encodes differently (${again.length} vs ${bytes.length} bytes, first difference at byte ${at})`;
}

/**
 * Runner for `messages.json`. A case here is one field of one array element (17 per element), each
 * decoded with its struct's decoder and re-encoded to identical bytes. No cryptography is involved;
 * the provider is unused. A missing field or an element that is not an object fails all 17.
 */
export const run: VectorRunner = (data: unknown, _provider: CryptoProvider): VectorOutcome => {
  const outcome: VectorOutcome = { passed: 0, failed: 0, skipped: 0, failures: [], skipReasons: [] };
  if (!Array.isArray(data)) {
    outcome.failed++;
    outcome.failures.push("messages: the file is not a JSON array of cases");
    return outcome;
  }
  data.forEach((item: unknown, index) => {
    const fields = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
    for (const [name, roundTrip] of MESSAGE_FIELDS) {
      const problem = checkField(fields, name, roundTrip);
      if (problem === undefined) outcome.passed++;
      else {
        outcome.failed++;
        outcome.failures.push(`messages case ${index} (no cipher suite): ${problem}`);
      }
    }
  });
  return outcome;
};
