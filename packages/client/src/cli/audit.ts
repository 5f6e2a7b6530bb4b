/**
 * Log auditor command line:
 *   tsx packages/client/src/cli/audit.ts --url <log prefix> --vkey <verifier key> [--state <file>] [--json]
 * Exit status: 0 consistent, 1 inconsistency found (reported), 2 usage error.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { auditLog } from "../audit/audit-log.js";
import type { AuditReport } from "../audit/report.js";

const USAGE = "usage: audit --url <log URL prefix> --vkey <verifier key> [--state <file>] [--json]";

function defaultStatePath(vkey: string): string {
  const name = vkey.split("+")[0] ?? "log";
  return join(homedir(), ".parley", `audit-${name.replace(/[^A-Za-z0-9._-]/g, "_")}.json`);
}

function describe(report: AuditReport): string {
  if (report.ok) {
    return `OK ${report.origin}: size ${report.previousSize} → ${report.size}, root ${report.rootHash}; ${report.entriesVerified} entries and ${report.tilesVerified} tiles verified`;
  }
  const where =
    report.origin === undefined
      ? ""
      : ` (${report.origin}, size ${report.previousSize ?? 0} → ${report.size ?? "?"})`;
  return `INCONSISTENT${where}: ${report.problem.kind}: ${report.problem.message}`;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: "string" },
        vkey: { type: "string" },
        state: { type: "string" },
        json: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { url, vkey } = values;
  if (url === undefined || vkey === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let report: AuditReport;
  try {
    report = await auditLog({
      baseUrl: url,
      verifierKey: vkey,
      statePath: values.state ?? defaultStatePath(vkey),
    });
  } catch (e) {
    process.stderr.write(`audit could not run: ${(e as Error).message}\n`);
    return 2;
  }
  process.stdout.write(`${values.json === true ? JSON.stringify(report) : describe(report)}\n`);
  return report.ok ? 0 : 1;
}

process.exitCode = await main();
