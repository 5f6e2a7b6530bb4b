import { Counter, type Registry } from "prom-client";
import type { EnrollmentFailure } from "./errors.js";

export type ProofKind = "id_token" | "enrollment_code";

/**
 * The AS's domain counters next to the kit's per-RPC metrics. Labels come from fixed vocabularies
 * (proof kind, failure reason): never user ids, tokens, codes or keys.
 */
export class AuthMetrics {
  private readonly issued: Counter<"proof">;
  private readonly revoked: Counter;
  private readonly failures: Counter<"reason">;

  constructor(registry: Registry) {
    const registers = [registry];
    this.issued = new Counter({
      name: "auth_credentials_issued_total",
      help: "Credentials issued, each after its binding was appended to the key log.",
      labelNames: ["proof"],
      registers,
    });
    this.revoked = new Counter({
      name: "auth_revocations_total",
      help: "Client revocations appended to the key log.",
      registers,
    });
    this.failures = new Counter({
      name: "auth_enrollment_failures_total",
      help: "Refused enrollments by reason.",
      labelNames: ["reason"],
      registers,
    });
  }

  credentialIssued(proof: ProofKind): void {
    this.issued.inc({ proof });
  }

  revocation(): void {
    this.revoked.inc();
  }

  enrollmentFailed(reason: EnrollmentFailure): void {
    this.failures.inc({ reason });
  }
}
