/**
 * Key monitoring command line:
 *   tsx packages/client/src/cli/monitor.ts --log <keylog gRPC host:port> --vkey <verifier key>
 *     --identity <user id> --known <file: one hex signature key per line> [--state <file>] [--json]
 * Lists every binding of the identity in the log (verified against a signed checkpoint
 * consistent with the remembered one) and flags keys not in the known list.
 * Exit status: 0 all bindings known, 1 unknown bindings found (or the log failed verification),
 * 2 usage error.
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseVerifierKey } from "@parley/tlog";
import { CheckpointMemory } from "../identity/checkpoint-memory.js";
import { grpcLogReader } from "../identity/grpc-log-reader.js";
import { readVerifiedLog, scanBindings, type MonitorReport } from "../identity/monitor.js";

const USAGE =
  "usage: monitor --log <host:port> --vkey <verifier key> --identity <user id> --known <file> [--state <file>] [--json]";

async function knownKeys(path: string): Promise<Set<string>> {
  const lines = (await readFile(path, "utf8")).split("\n").map((l) => l.trim().toLowerCase());
  return new Set(lines.filter((l) => l.length > 0 && !l.startsWith("#")));
}

function describe(r: MonitorReport): string {
  const lines = r.bindings.map(
    (b) =>
      `${b.known ? "known  " : "UNKNOWN"} #${b.index} client ${b.clientId} key ${b.signatureKey.slice(0, 16)}… ${b.revokedBy === undefined ? "active" : `revoked by #${b.revokedBy}`}`,
  );
  return [
    `${r.identity}: ${r.bindings.length} bindings in a log of ${r.treeSize}, ${r.unknown.length} unknown`,
    ...lines,
  ].join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      log: { type: "string" },
      vkey: { type: "string" },
      identity: { type: "string" },
      known: { type: "string" },
      state: { type: "string" },
      json: { type: "boolean", default: false },
    },
    strict: true,
  });
  const { log, vkey, identity, known } = values;
  if (log === undefined || vkey === undefined || identity === undefined || known === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const verifier = parseVerifierKey(vkey);
  const origin = vkey.split("+")[0] ?? "";
  const state =
    values.state ?? join(homedir(), ".parley", `monitor-${origin.replace(/[^A-Za-z0-9._-]/g, "_")}.json`);
  const memory = await CheckpointMemory.load(state, origin, verifier);
  const reader = grpcLogReader(log);
  try {
    const report = scanBindings(await readVerifiedLog(reader, memory), identity, await knownKeys(known));
    await memory.save(state);
    process.stdout.write(`${values.json === true ? JSON.stringify(report) : describe(report)}\n`);
    return report.unknown.length === 0 ? 0 : 1;
  } finally {
    reader.close();
  }
}

process.exitCode = await main().catch((err: unknown) => {
  process.stderr.write(`monitor failed: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
});
