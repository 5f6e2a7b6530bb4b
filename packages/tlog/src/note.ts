/**
 * c2sp.org/signed-note: text, a blank line, then signature lines `— <name> base64(key ID || sig)`.
 * Opening a note verifies every signature by a known key and refuses the note unless at least
 * one verifies; unknown signatures (other witnesses, rotated keys) are reported, not trusted.
 */
import { decodeBase64, encodeBase64 } from "./base64.js";
import { NoteError } from "./errors.js";
import { hasControlCharacter } from "./text.js";
import { type NoteSigner, type NoteVerifier, assertKeyName, hex8, isValidKeyName } from "./key-id.js";

/** signed-note asks verifiers to bound signatures (at least 16 must be accepted). */
export const MAX_NOTE_SIGNATURES = 100;
/** Overall note size bound, in UTF-16 code units; leaves room for post-quantum signatures. */
export const MAX_NOTE_LENGTH = 1 << 20;

const SIGNATURE_PREFIX = "\u2014 ";
const encoder = new TextEncoder();

export interface NoteSignature {
  readonly name: string;
  readonly keyHash: number;
  /** The signature bytes after the 4-byte key ID. */
  readonly signature: Uint8Array;
  /** The verifier that checked it, if the key is known. */
  readonly verifier?: NoteVerifier;
}

export interface OpenedNote {
  readonly body: string;
  readonly verified: NoteVerifier[];
  readonly unverified: { name: string; keyHash: number }[];
  readonly signatures: NoteSignature[];
}

/** signed-note: valid UTF-8 (no lone surrogates in a JS string) and no controls other than newline. */
function assertNoteCharacters(text: string, what: string): void {
  if (hasControlCharacter(text, true))
    throw new NoteError(`${what} contains a control character other than newline`);
  if (/\p{Cs}/u.test(text)) throw new NoteError(`${what} is not valid UTF-8 (lone surrogate)`);
}

/** Checks that `body` can be the text of a note: non-empty, newline-terminated, allowed characters. */
export function assertNoteText(body: string): void {
  if (!body.endsWith("\n")) throw new NoteError("note text must end with a newline");
  assertNoteCharacters(body, "note text");
}

/** Signs `body` with every signer and returns the full note. */
export async function signNote(body: string, signers: readonly NoteSigner[]): Promise<string> {
  assertNoteText(body);
  if (signers.length === 0) throw new NoteError("a note needs at least one signer");
  const message = encoder.encode(body);
  let lines = "";
  for (const signer of signers) {
    assertKeyName(signer.name);
    const signature = await signer.sign(message);
    const payload = new Uint8Array(4 + signature.length);
    new DataView(payload.buffer).setUint32(0, signer.keyHash >>> 0);
    payload.set(signature, 4);
    lines += `${SIGNATURE_PREFIX}${signer.name} ${encodeBase64(payload)}\n`;
  }
  return `${body}\n${lines}`;
}

/** Splits and parses a note without checking signatures. */
export function parseNote(note: string): {
  body: string;
  signatures: { name: string; keyHash: number; signature: Uint8Array }[];
} {
  if (note.length > MAX_NOTE_LENGTH) throw new NoteError(`note is longer than ${MAX_NOTE_LENGTH} characters`);
  assertNoteCharacters(note, "note");
  // The text is separated from the signatures by the last empty line.
  const split = note.lastIndexOf("\n\n");
  if (split < 0) throw new NoteError("note has no blank line before its signatures");
  const body = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith("\n")) throw new NoteError("note signatures must end with a newline");
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_NOTE_SIGNATURES)
    throw new NoteError(`note has more than ${MAX_NOTE_SIGNATURES} signatures`);
  return { body, signatures: lines.map(parseSignatureLine) };
}

function parseSignatureLine(
  line: string,
  i: number,
): { name: string; keyHash: number; signature: Uint8Array } {
  if (!line.startsWith(SIGNATURE_PREFIX))
    throw new NoteError(`signature line ${i + 1} does not start with "— "`);
  const fields = line.slice(SIGNATURE_PREFIX.length).split(" ");
  const [name = "", encoded = ""] = fields;
  if (fields.length !== 2 || !isValidKeyName(name))
    throw new NoteError(`signature line ${i + 1} is not "— <key name> <base64>"`);
  const payload = decodeBase64(encoded);
  if (payload === undefined) throw new NoteError(`signature line ${i + 1} (${name}) is not valid base64`);
  if (payload.length < 5)
    throw new NoteError(`signature line ${i + 1} (${name}) is too short for a key ID and signature`);
  const keyHash = new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0);
  return { name, keyHash, signature: payload.slice(4) };
}

/**
 * Opens a note: every signature whose (name, key ID) matches a verifier must verify, at least
 * one must, and a known key may sign only once. Returns the body and who vouched for it.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const key = `${v.name}+${hex8(v.keyHash)}`;
    if (known.has(key)) throw new NoteError(`two verifiers share name and key ID ${key}`);
    known.set(key, v);
  }
  const parsed = parseNote(note);
  const message = encoder.encode(parsed.body);
  const verified: NoteVerifier[] = [];
  const unverified: { name: string; keyHash: number }[] = [];
  const signatures: NoteSignature[] = [];
  for (const sig of parsed.signatures) {
    const verifier = known.get(`${sig.name}+${hex8(sig.keyHash)}`);
    if (verifier === undefined) {
      // signed-note: signatures from unknown keys MUST be ignored.
      unverified.push({ name: sig.name, keyHash: sig.keyHash });
      signatures.push(sig);
      continue;
    }
    if (verified.includes(verifier))
      throw new NoteError(`note carries two signatures by ${sig.name}+${hex8(sig.keyHash)}`);
    // signed-note: a failing signature from a known key rejects the whole note.
    if (!verifier.verify(message, sig.signature))
      throw new NoteError(`signature by ${sig.name}+${hex8(sig.keyHash)} does not verify`);
    verified.push(verifier);
    signatures.push({ ...sig, verifier });
  }
  if (verified.length === 0) {
    const names = [...known.keys()].join(", ") || "none configured";
    throw new NoteError(`note is not signed by any known key (known: ${names})`);
  }
  return { body: parsed.body, verified, unverified, signatures };
}
