/**
 * The AS's connection to the key log. Every Append is authorized (bearer token or a fresh signed
 * service token) and, when the log's verifier key is configured, every answer is checked before
 * the AS relies on it: the checkpoint's signature and the entry's inclusion proof in it.
 */
import { createGrpcClient, type Ed25519Key, type GrpcClient } from "@parley/kit";
import { KeyLogService } from "@parley/proto/parley/keylog/v1/keylog_pb";
import {
  leafHash,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  verifyInclusion,
  type NoteVerifier,
} from "@parley/tlog";
import { signServiceToken } from "./service-token.js";

export type KeylogAuth =
  { readonly mode: "token"; readonly token: string } | { readonly mode: "signed"; readonly key: Ed25519Key };

/** An entry's place in the log, proven against a signed checkpoint. */
export interface LoggedEntry {
  readonly entry: Uint8Array;
  readonly index: number;
  readonly inclusionProof: Uint8Array[];
  readonly treeSize: number;
  readonly checkpoint: string;
}

export class LogClient {
  private readonly client: GrpcClient<typeof KeyLogService>;
  private readonly verifier: NoteVerifier | undefined;

  constructor(
    address: string,
    private readonly auth: KeylogAuth,
    verifierKey: string | undefined,
    private readonly timeoutMs = 10_000,
  ) {
    this.client = createGrpcClient(KeyLogService, address);
    this.verifier = verifierKey === undefined ? undefined : parseVerifierKey(verifierKey);
  }

  private authorization(): Record<string, string> {
    const token = this.auth.mode === "token" ? this.auth.token : signServiceToken(this.auth.key);
    return { authorization: `Bearer ${token}` };
  }

  /** Appends one entry; resolves once it is durable and covered by a signed checkpoint. */
  async append(entry: Uint8Array): Promise<LoggedEntry> {
    const res = await this.client.append(
      { entries: [entry] },
      { headers: this.authorization(), timeoutMs: this.timeoutMs },
    );
    const first = res.entries[0];
    if (first === undefined) throw new Error("the key log answered Append without an entry");
    const logged = {
      entry,
      index: Number(first.index),
      inclusionProof: first.inclusionProof,
      treeSize: Number(res.treeSize),
      checkpoint: res.checkpoint,
    };
    this.check(logged);
    return logged;
  }

  /** A fresh proof of an already logged entry against the latest checkpoint. */
  async prove(entry: Uint8Array, index: number): Promise<LoggedEntry> {
    const res = await this.client.getInclusionProof(
      { leaf: { case: "index", value: BigInt(index) }, treeSize: 0n },
      { timeoutMs: this.timeoutMs },
    );
    const logged = {
      entry,
      index,
      inclusionProof: res.proof,
      treeSize: Number(res.treeSize),
      checkpoint: res.checkpoint,
    };
    this.check(logged);
    return logged;
  }

  private check(logged: LoggedEntry): void {
    if (this.verifier === undefined) return;
    const cp = parseCheckpoint(openNote(logged.checkpoint, [this.verifier]).body);
    if (cp.size !== logged.treeSize)
      throw new Error("the key log's checkpoint size differs from its tree_size");
    verifyInclusion(leafHash(logged.entry), logged.index, cp.size, logged.inclusionProof, cp.rootHash);
  }

  close(): void {
    this.client.$close();
  }
}
