/**
 * Bench fixtures: real, valid KeyPackages (every one signed, with fresh HPKE keys) for many clients,
 * made in child processes, one per core, because at ~1 ms each (two HPKE key pairs, two signatures)
 * 100,000 of them take minutes on one core. (Worker threads would be lighter, but a worker cannot
 * inherit tsx's loader reliably on Node 20; a forked process with `--import tsx` can.)
 */
import { fork } from "node:child_process";
import { availableParallelism } from "node:os";
import { issueParleyCredential, type ParleyIssuer } from "@parley/identity";
import { createKeyPackage, nodeProvider, type Credential, type KeyPair } from "@parley/mls";

export const SUITE = 1;

const CHILD = new URL("./generator-process.ts", import.meta.url).pathname;

export interface BenchClient {
  readonly userId: string;
  readonly clientId: Uint8Array;
  readonly keyPair: KeyPair;
  readonly credential: Credential;
  /** One-time KeyPackages then, last, the last-resort one; MLSMessage bytes. */
  readonly keyPackages: Uint8Array[];
}

export interface GeneratorJob {
  readonly first: number;
  readonly count: number;
  readonly perClient: number;
  readonly issuer: ParleyIssuer;
  readonly nowMs: number;
}

export function makeClient(index: number, job: GeneratorJob): BenchClient {
  const cs = nodeProvider.suite(SUITE);
  const keyPair = cs.generateSignatureKeyPair();
  const userId = `user${index}@bench.parley`;
  const clientId = new TextEncoder().encode(`device-${index}`);
  const seconds = Math.floor(job.nowMs / 1000);
  const credential = issueParleyCredential(
    {
      userId,
      clientId,
      signatureScheme: cs.signatureScheme,
      signatureKey: keyPair.publicKey,
      notBefore: seconds - 3600,
      notAfter: seconds + 30 * 86400,
    },
    job.issuer,
  );
  const make = (lastResort: boolean): Uint8Array =>
    createKeyPackage({
      provider: nodeProvider,
      cipherSuite: SUITE,
      credential,
      signatureKeyPair: keyPair,
      now: new Date(job.nowMs),
      lifetimeSeconds: 7 * 86400,
      lastResort,
    }).messageBytes;
  const keyPackages = Array.from({ length: job.perClient }, () => make(false));
  keyPackages.push(make(true));
  return { userId, clientId, keyPair, credential, keyPackages };
}

/** `clients` clients with `perClient` one-time KeyPackages and one last resort each, on every core. */
export async function generateClients(
  clients: number,
  perClient: number,
  issuer: ParleyIssuer,
  nowMs: number,
): Promise<BenchClient[]> {
  const processes = Math.max(1, Math.min(availableParallelism(), clients));
  const per = Math.ceil(clients / processes);
  const jobs: GeneratorJob[] = [];
  for (let first = 0; first < clients; first += per) {
    jobs.push({ first, count: Math.min(per, clients - first), perClient, issuer, nowMs });
  }
  const parts = await Promise.all(jobs.map(runChild));
  return parts.flat();
}

/** Runs one job in `generator-process.ts`; Uint8Arrays cross the IPC channel as themselves. */
function runChild(job: GeneratorJob): Promise<BenchClient[]> {
  const child = fork(CHILD, [], { execArgv: ["--import", "tsx"], serialization: "advanced" });
  const clients: BenchClient[] = [];
  return new Promise((resolve, reject) => {
    child.on("message", (message: "ready" | BenchClient[] | null) => {
      if (message === "ready") child.send(job);
      else if (message === null) resolve(clients);
      else clients.push(...message);
    });
    child.once("error", reject);
    // After a result this rejection is a no-op; before one it reports the lost child.
    child.once("exit", (code) =>
      reject(new Error(`generator exited with ${code} before posting its clients`)),
    );
  });
}
