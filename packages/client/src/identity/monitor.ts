/**
 * Key monitoring (RFC 9750 §5, the Key Transparency AS: users "monitor and control which keys are associated with their identity"; seed draft §2.2, §3.1.3): a user reads every binding the log holds for
 * their identity and flags the ones whose signature key is not in their own list of client keys —
 * a key someone else obtained a credential for. The entries are read from the log itself and
 * checked to hash to a signed checkpoint consistent with what this client has already seen, so
 * neither the AS nor the log can hide a binding from the monitor.
 */
import { toHex } from "@parley/codec";
import { CompactRange, leafHash } from "@parley/tlog";
import type { CheckpointMemory } from "./checkpoint-memory.js";
import { decodeLoggedEntry } from "./log-entry.js";

export interface MonitoredBinding {
  readonly index: number;
  readonly clientId: string;
  readonly signatureKey: string;
  readonly notBefore: number;
  readonly notAfter: number;
  /** Index of the revocation entry, if one revokes this binding. */
  readonly revokedBy: number | undefined;
  /** Whether the key is in the user's own list. */
  readonly known: boolean;
}

export interface MonitorReport {
  readonly identity: string;
  readonly treeSize: number;
  readonly bindings: readonly MonitoredBinding[];
  /** Bindings whose key the user does not know, revoked or not: each is worth a look. */
  readonly unknown: readonly MonitoredBinding[];
}

/** Scans log entries (index = position) for `identity`; `knownKeys` holds lower-case hex signature keys. */
export function scanBindings(
  entries: readonly Uint8Array[],
  identity: string,
  knownKeys: ReadonlySet<string>,
): MonitorReport {
  const bindings = new Map<number, Omit<MonitoredBinding, "revokedBy"> & { revokedBy: number | undefined }>();
  entries.forEach((bytes, index) => {
    const e = decodeLoggedEntry(bytes);
    if (e.identity !== identity) return;
    if (e.type === "keyBinding") {
      const signatureKey = toHex(e.signatureKey);
      bindings.set(index, {
        index,
        clientId: toHex(e.clientId),
        signatureKey,
        notBefore: e.notBefore,
        notAfter: e.notAfter,
        revokedBy: undefined,
        known: knownKeys.has(signatureKey),
      });
      return;
    }
    const target = e.revokedIndex === undefined ? undefined : bindings.get(e.revokedIndex);
    if (target !== undefined) target.revokedBy = index;
  });
  const list = [...bindings.values()];
  return { identity, treeSize: entries.length, bindings: list, unknown: list.filter((b) => !b.known) };
}

/** How the monitor reads the log (a gRPC KeyLogService client fits). */
export interface LogReader {
  checkpoint(): Promise<string>;
  consistency(first: number, second: number): Promise<Uint8Array[]>;
  entries(start: number, end: number): Promise<Uint8Array[]>;
}

export class MonitorError extends Error {
  override readonly name = "MonitorError";
}

/**
 * Reads the whole log up to a checkpoint `memory` accepts (fetching a consistency proof when it
 * remembers another size) and returns its entries once they hash to that checkpoint's root.
 */
export async function readVerifiedLog(log: LogReader, memory: CheckpointMemory): Promise<Uint8Array[]> {
  const note = await log.checkpoint();
  const fresh = memory.open(note);
  const old = memory.remembered;
  const proof =
    old === undefined || old.size === fresh.size
      ? undefined
      : await log.consistency(Math.min(old.size, fresh.size), Math.max(old.size, fresh.size));
  const cp = memory.accept(note, proof);
  const entries: Uint8Array[] = [];
  while (entries.length < cp.size) {
    const page = await log.entries(entries.length, cp.size);
    if (page.length === 0) throw new MonitorError(`the log returned no entries at ${entries.length}`);
    entries.push(...page);
  }
  const range = CompactRange.empty();
  for (const e of entries.slice(0, cp.size)) range.append(leafHash(e));
  const root = range.root();
  if (toHex(root) !== toHex(cp.rootHash))
    throw new MonitorError("the log's entries do not hash to its signed checkpoint");
  return entries.slice(0, cp.size);
}
