/** The directory under test in its own process (`services/directory/src/main.ts`), as deployed. */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const MAIN = new URL("../../services/directory/src/main.ts", import.meta.url).pathname;

export interface DirectoryProcess {
  readonly proc: ChildProcess;
  readonly grpcAddress: string;
  readonly adminAddress: string;
  stop(): Promise<void>;
}

/** Spawns the directory and waits for its "directory listening" line; a V8 CPU profile goes to `profileDir`. */
export function spawnDirectory(env: Record<string, string>, profileDir?: string): Promise<DirectoryProcess> {
  const profile = profileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${profileDir}`];
  const proc = spawn(process.execPath, [...profile, "--import", "tsx", MAIN], {
    env: { ...process.env, DIRECTORY_LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once("exit", () => resolve());
      proc.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error("the directory did not report listening within 60 s"));
    }, 60_000);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the directory exited with ${code} before listening`));
    });
    createInterface({ input: proc.stdout ?? process.stdin }).on("line", (line) => {
      const rec = JSON.parse(line) as { msg?: string; grpcAddress?: string; adminAddress?: string };
      if (rec.msg === "directory listening" && rec.grpcAddress !== undefined) {
        clearTimeout(timer);
        resolve({ proc, grpcAddress: rec.grpcAddress, adminAddress: rec.adminAddress ?? "", stop });
      }
    });
  });
}

/** Seconds of CPU the server process has used so far, from its Prometheus endpoint. */
export async function serverCpuSeconds(adminAddress: string): Promise<number> {
  const text = await (await fetch(`http://${adminAddress}/metrics`)).text();
  const value = /^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1];
  if (value === undefined) throw new Error("server metrics carry no process_cpu_seconds_total");
  return Number(value);
}
