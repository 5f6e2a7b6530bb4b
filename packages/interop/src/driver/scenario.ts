/**
 * What a scenario is and what it is given. A scenario names its roles ("alice", "bob", …); the runner
 * decides which endpoint plays each role, so one scenario text covers every pairing of implementations.
 */
import type { Endpoint } from "./endpoint.js";

/** RFC 9420 §6: handshake messages go out as PublicMessage or as PrivateMessage. */
export type HandshakeMode = "public" | "private";

export interface ScenarioContext {
  readonly mode: HandshakeMode;
  /** The contract's `encrypt_handshake` for this mode. */
  readonly encrypt: boolean;
  /** Cipher suite (RFC 9420 §17.1 value) every endpoint in the run supports. */
  readonly suite: number;
  /** The endpoint playing role `role` (an index into the scenario's `roles`). */
  endpointFor(role: number): Endpoint;
  /** Bytes unique to this run of this scenario, for group ids and identities. */
  unique(label: string): Uint8Array;
  /** Names the step now running, so a failure can say where it happened. */
  step(name: string): void;
}

export interface Scenario {
  readonly name: string;
  /** One line for the docs and `--list`. */
  readonly summary: string;
  readonly roles: readonly string[];
  run(ctx: ScenarioContext): Promise<void>;
}

export type Verdict = "passed" | "failed" | "skipped";

export interface ScenarioResult {
  readonly scenario: string;
  readonly mode: HandshakeMode;
  /** Which endpoint played each role, e.g. "alice=#1 bob=#2". */
  readonly cast: string;
  readonly verdict: Verdict;
  /** Why it failed or was skipped; empty when it passed. */
  readonly detail: string;
  readonly ms: number;
}
