/**
 * `npm run interop -- --client host:port --client host:port [--scenario NAME]… [--mode public|private]
 * [--suite N] [--rotations N] [--list]`: runs the scenario catalogue against any MLSClient servers
 * (ours, OpenMLS's, mlspp's…), prints the per-scenario table and exits 1 if any scenario failed
 * (skipped ones — a server answered UNIMPLEMENTED — do not fail the run, but are listed with the reason).
 */
import { parseArgs } from "node:util";
import { SCENARIOS } from "../driver/catalogue.js";
import { connectEndpoint, describeEndpoint, type Endpoint } from "../driver/endpoint.js";
import { runScenarios, type RunOptions } from "../driver/runner.js";
import type { HandshakeMode } from "../driver/scenario.js";
import { formatTable } from "../driver/table.js";

const USAGE =
  "usage: interop --client host:port [--client host:port]… [--scenario NAME]… [--mode public|private] " +
  "[--suite N] [--rotations N] [--list]";

class UsageError extends Error {}

function positiveInt(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 0xffff)
    throw new UsageError(`${flag} must be an integer 1–65535 (got ${text})`);
  return n;
}

function parse(): { clients: string[]; list: boolean; options: RunOptions } {
  const { values } = parseArgs({
    options: {
      client: { type: "string", multiple: true, default: [] },
      scenario: { type: "string", multiple: true, default: [] },
      mode: { type: "string" },
      suite: { type: "string" },
      rotations: { type: "string" },
      list: { type: "boolean", default: false },
    },
    strict: true,
  });
  const unknown = values.scenario.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length > 0) throw new UsageError(`unknown scenario(s): ${unknown.join(", ")} (see --list)`);
  if (values.mode !== undefined && values.mode !== "public" && values.mode !== "private") {
    throw new UsageError(`--mode must be public or private (got ${values.mode})`);
  }
  if (!values.list && values.client.length === 0)
    throw new UsageError("give at least one --client host:port");
  const modes: HandshakeMode[] | undefined = values.mode === undefined ? undefined : [values.mode];
  const scenarios =
    values.scenario.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => values.scenario.includes(s.name));
  const suite = positiveInt("--suite", values.suite);
  const rotations = positiveInt("--rotations", values.rotations);
  const options: RunOptions = {
    scenarios,
    ...(modes === undefined ? {} : { modes }),
    ...(suite === undefined ? {} : { suite }),
    ...(rotations === undefined ? {} : { rotations }),
    onResult: (r) => console.error(`${r.verdict.padEnd(7)} ${r.scenario} [${r.mode}, ${r.cast}] ${r.ms} ms`),
  };
  return { clients: values.client, list: values.list, options };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (args.list) {
    for (const s of SCENARIOS) console.log(`${s.name.padEnd(30)} ${s.summary}`);
    return 0;
  }
  const endpoints: Endpoint[] = [];
  try {
    for (const [i, address] of args.clients.entries()) endpoints.push(await connectEndpoint(address, i));
    for (const e of endpoints) console.log(`${describeEndpoint(e)} — suites ${e.suites.join(", ")}`);
    const results = await runScenarios(endpoints, args.options);
    console.log(formatTable(results));
    return results.some((r) => r.verdict === "failed") ? 1 : 0;
  } finally {
    for (const e of endpoints) e.client.$close();
  }
}

process.exitCode = await main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  return 1;
});
