/**
 * What a client remembers of the key log: the latest signed checkpoint it verified. A new
 * checkpoint is accepted only if it is consistent with that one (RFC 9162 §2.1.4: the older tree
 * is a prefix of the newer), so the log cannot show this client one history and its peers
 * another without the client noticing (RFC 9750 §5: with Key Transparency, verification is checking a key's inclusion in the log; relying parties check the AS's claims
 * against a transparency log rather than trusting it).
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { bytesEqual } from "@parley/codec";
import {
  decodeBase64,
  encodeBase64,
  openNote,
  parseCheckpoint,
  verifyConsistency,
  type Checkpoint,
  type NoteVerifier,
} from "@parley/tlog";
import { RuleError } from "./rule-error.js";

export class CheckpointError extends RuleError<
  "bad-checkpoint" | "wrong-origin" | "needs-consistency-proof" | "inconsistent"
> {
  override readonly name = "CheckpointError";
}

export interface RememberedCheckpoint {
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly note: string;
}

export class CheckpointMemory {
  private latest: RememberedCheckpoint | undefined;

  constructor(
    readonly origin: string,
    private readonly verifier: NoteVerifier,
    initial?: RememberedCheckpoint,
  ) {
    this.latest = initial;
  }

  get remembered(): RememberedCheckpoint | undefined {
    return this.latest;
  }

  /** Opens a signed checkpoint note with the log's key; throws `CheckpointError` otherwise. */
  open(note: string): Checkpoint {
    let cp: Checkpoint;
    try {
      cp = parseCheckpoint(openNote(note, [this.verifier]).body);
    } catch (cause) {
      throw new CheckpointError("bad-checkpoint", "the checkpoint is not signed by the log's key", { cause });
    }
    if (cp.origin !== this.origin)
      throw new CheckpointError("wrong-origin", `checkpoint origin is not ${this.origin}`);
    return cp;
  }

  /**
   * Accepts `note` if it is consistent with the remembered checkpoint, proven by `proof` (from the
   * smaller tree to the larger) when the sizes differ, and remembers the larger of the two.
   */
  accept(note: string, proof?: readonly Uint8Array[]): Checkpoint {
    const cp = this.open(note);
    const old = this.latest;
    if (old === undefined || (old.size === cp.size && bytesEqual(old.rootHash, cp.rootHash))) {
      this.latest = { size: cp.size, rootHash: cp.rootHash, note };
      return cp;
    }
    if (old.size === cp.size)
      throw new CheckpointError("inconsistent", `two different roots for tree size ${cp.size}`);
    if (proof === undefined) {
      throw new CheckpointError(
        "needs-consistency-proof",
        `size ${cp.size} differs from the remembered ${old.size}`,
      );
    }
    const [small, large] = old.size < cp.size ? [old, cp] : [cp, old];
    try {
      verifyConsistency(small.size, large.size, proof, small.rootHash, large.rootHash);
    } catch (cause) {
      throw new CheckpointError(
        "inconsistent",
        `the log forked between sizes ${small.size} and ${large.size}`,
        { cause },
      );
    }
    if (cp.size > old.size) this.latest = { size: cp.size, rootHash: cp.rootHash, note };
    return cp;
  }

  /** Atomic save (temp file + rename). */
  async save(path: string): Promise<void> {
    if (this.latest === undefined) return;
    const text = JSON.stringify({
      version: 1,
      origin: this.origin,
      size: this.latest.size,
      rootHash: encodeBase64(this.latest.rootHash),
      checkpoint: this.latest.note,
    });
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(`${path}.tmp`, text, { mode: 0o600 });
    await rename(`${path}.tmp`, path);
  }

  /** Loads a saved memory, re-verifying the saved checkpoint; a missing file gives an empty memory. */
  static async load(path: string, origin: string, verifier: NoteVerifier): Promise<CheckpointMemory> {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return new CheckpointMemory(origin, verifier);
      throw err;
    }
    const file = JSON.parse(text) as { checkpoint?: unknown; rootHash?: unknown };
    const memory = new CheckpointMemory(origin, verifier);
    if (
      typeof file.checkpoint !== "string" ||
      typeof file.rootHash !== "string" ||
      decodeBase64(file.rootHash) === undefined
    ) {
      throw new CheckpointError("bad-checkpoint", `${path} is not a saved checkpoint memory`);
    }
    memory.accept(file.checkpoint);
    return memory;
  }
}
