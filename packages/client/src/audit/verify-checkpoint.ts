/** Step 1 of an audit: fetch the checkpoint and accept it only if the log's key signed it. */
import {
  type Checkpoint,
  type NoteVerifier,
  CheckpointError,
  NoteError,
  openNote,
  parseCheckpoint,
  parseNote,
} from "@parley/tlog";
import type { HttpLog } from "./http-log.js";
import { stop } from "./report.js";

export interface SignedCheckpoint {
  readonly note: string;
  readonly checkpoint: Checkpoint;
}

export async function fetchVerifiedCheckpoint(
  log: HttpLog,
  verifier: NoteVerifier,
): Promise<SignedCheckpoint> {
  const note = await log.checkpoint();
  try {
    parseNote(note);
  } catch (e) {
    return stop("malformed-checkpoint", `checkpoint note is malformed: ${(e as Error).message}`);
  }
  let body: string;
  try {
    body = openNote(note, [verifier]).body;
  } catch (e) {
    if (e instanceof NoteError) return stop("bad-signature", `checkpoint signature rejected: ${e.message}`);
    throw e;
  }
  try {
    return { note, checkpoint: parseCheckpoint(body) };
  } catch (e) {
    if (e instanceof CheckpointError) return stop("malformed-checkpoint", e.message);
    throw e;
  }
}
