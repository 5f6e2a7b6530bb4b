/**
 * Stores signed checkpoints off the acknowledgement path, newest first, one write at a time.
 *
 * The stored checkpoint is a convenience, not a durability point: it is a deterministic function
 * of the synced tree state (Ed25519 signing is deterministic, RFC 8032 §5.1.6), and a restart
 * re-signs a lost one byte-for-byte. Callers may therefore be answered before it lands. Writes
 * are serialized because level runs concurrent operations on a thread pool in no fixed order, and
 * an older note must never overwrite a newer one; notes that are superseded while a write is in
 * flight are skipped.
 */
export class CheckpointWriter {
  private next: string | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly put: (note: string) => Promise<void>,
    private readonly onError: (cause: unknown) => void,
  ) {}

  /** Queues `note` to be stored; it replaces any queued note that has not started writing. */
  write(note: string): void {
    this.next = note;
    this.writing ??= this.drain();
  }

  /** Resolves once every queued note is stored (or a write failed and was reported). */
  async flush(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      for (let note = this.next; note !== undefined; note = this.next) {
        this.next = undefined;
        await this.put(note);
      }
    } catch (cause) {
      this.next = undefined;
      this.onError(cause);
    } finally {
      this.writing = undefined;
    }
  }
}
