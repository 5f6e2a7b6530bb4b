/**
 * The auditor's memory between runs: the last verified checkpoint and the compact range of its
 * tree, so the next run verifies only the new entries and can prove the log did not fork.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { bytesEqual } from "@parley/codec";
import { CompactRange, decodeBase64, encodeBase64 } from "@parley/tlog";
import { stop } from "./report.js";

export interface AuditState {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The verified signed checkpoint, verbatim: evidence if the log later contradicts it. */
  readonly checkpoint: string;
  readonly range: CompactRange;
}

interface StateFile {
  version: 1;
  origin: string;
  size: number;
  rootHash: string;
  checkpoint: string;
  compactRange: string[];
}

/** Loads the state, or `undefined` if there is none yet. A damaged file stops the audit. */
export async function loadState(path: string): Promise<AuditState | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return stop("state-corrupt", `cannot read state file ${path}: ${(e as Error).message}`);
  }
  try {
    const file = JSON.parse(text) as StateFile;
    const rootHash = decodeBase64(file.rootHash);
    const hashes = file.compactRange.map((h) => decodeBase64(h));
    if (file.version !== 1 || typeof file.origin !== "string" || typeof file.checkpoint !== "string")
      throw new Error("bad fields");
    if (rootHash === undefined || hashes.some((h) => h === undefined)) throw new Error("bad base64");
    const range = CompactRange.fromHashes(
      file.size,
      hashes.filter((h) => h !== undefined),
    );
    if (!bytesEqual(range.root(), rootHash))
      throw new Error("compact range does not hash to the stored root");
    return { origin: file.origin, size: file.size, rootHash, checkpoint: file.checkpoint, range };
  } catch (e) {
    return stop("state-corrupt", `state file ${path} is damaged: ${(e as Error).message}`);
  }
}

/** Writes the state atomically (temp file + rename) so a crash never leaves half a file. */
export async function saveState(path: string, state: AuditState): Promise<void> {
  const file: StateFile = {
    version: 1,
    origin: state.origin,
    size: state.size,
    rootHash: encodeBase64(state.rootHash),
    checkpoint: state.checkpoint,
    compactRange: state.range.hashes().map(encodeBase64),
  };
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, path);
}
