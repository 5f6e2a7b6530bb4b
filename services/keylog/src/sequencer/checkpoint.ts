import { formatCheckpoint, signNote, type NoteSigner } from "@parley/tlog";

/** The latest signed tree head, as clients receive it. */
export interface PublishedCheckpoint {
  /** The full signed note (C2SP signed-note over a tlog-checkpoint body). */
  readonly note: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
}

/** C2SP tlog-checkpoint: origin, size, base64 root, no extension lines, signed by the log key. */
export async function signCheckpoint(
  origin: string,
  signer: NoteSigner,
  size: number,
  rootHash: Uint8Array,
): Promise<PublishedCheckpoint> {
  const body = formatCheckpoint({ origin, size, rootHash, extensions: [] });
  return { note: await signNote(body, [signer]), size, rootHash };
}
