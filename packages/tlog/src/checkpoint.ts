/**
 * c2sp.org/tlog-checkpoint note bodies: origin, tree size, base64 root hash, then optional
 * non-empty extension lines. Parsing is strict: a SHA-256 log's root must be 32 bytes.
 */
import { decodeBase64, encodeBase64 } from "./base64.js";
import { CheckpointError } from "./errors.js";
import { HASH_SIZE } from "./hash.js";
import { hasControlCharacter } from "./text.js";

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions: string[];
}

function assertLine(line: string, what: string): void {
  if (line.length === 0) throw new CheckpointError(`${what} must not be empty`);
  if (hasControlCharacter(line, false)) throw new CheckpointError(`${what} contains a control character`);
}

/** The note body for `c`, ending with a newline. */
export function formatCheckpoint(c: Checkpoint): string {
  assertLine(c.origin, "origin");
  if (!Number.isSafeInteger(c.size) || c.size < 0)
    throw new CheckpointError(`tree size ${c.size} is not a non-negative safe integer`);
  if (c.rootHash.length !== HASH_SIZE)
    throw new CheckpointError(`root hash has ${c.rootHash.length} bytes, expected ${HASH_SIZE}`);
  c.extensions.forEach((e, i) => assertLine(e, `extension line ${i + 1}`));
  const extensions = c.extensions.map((e) => `${e}\n`).join("");
  return `${c.origin}\n${c.size}\n${encodeBase64(c.rootHash)}\n${extensions}`;
}

/** Parses a checkpoint body (the note text, without signatures). */
export function parseCheckpoint(body: string): Checkpoint {
  if (!body.endsWith("\n")) throw new CheckpointError("checkpoint must end with a newline");
  const lines = body.slice(0, -1).split("\n");
  if (lines.length < 3)
    throw new CheckpointError(`checkpoint has ${lines.length} lines, needs origin, size and root hash`);
  const [origin = "", sizeText = "", rootText = "", ...extensions] = lines;
  assertLine(origin, "origin");
  // tlog-checkpoint: ASCII decimal with no leading zeroes.
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText))
    throw new CheckpointError(`tree size ${JSON.stringify(sizeText)} is not a decimal number`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new CheckpointError(`tree size ${sizeText} is too large`);
  const rootHash = decodeBase64(rootText);
  if (rootHash === undefined)
    throw new CheckpointError(`root hash ${JSON.stringify(rootText)} is not valid base64`);
  if (rootHash.length !== HASH_SIZE)
    throw new CheckpointError(`root hash has ${rootHash.length} bytes, expected ${HASH_SIZE}`);
  extensions.forEach((e, i) => assertLine(e, `extension line ${i + 1}`));
  return { origin, size, rootHash, extensions };
}
