import { Counter, Gauge, type Registry } from "prom-client";
import { ClaimStatus, RejectReason } from "@parley/proto/parley/directory/v1/directory_pb.js";

/**
 * The directory's domain metrics next to the kit's per-RPC ones. Labels are closed enums (claim
 * outcome, reject reason); no user, client, ref or key ever becomes a label.
 */
export class DirectoryMetrics {
  private readonly stored: Gauge;
  private readonly storedLastResort: Gauge;
  private readonly published: Counter;
  private readonly rejected: Counter<"reason">;
  private readonly claims: Counter<"outcome">;
  private readonly purged: Counter<"kind">;

  constructor(registry: Registry) {
    const registers = [registry];
    this.stored = new Gauge({
      name: "directory_key_packages_stored",
      help: "One-time KeyPackages stored (expired ones count until purged).",
      registers,
    });
    this.storedLastResort = new Gauge({
      name: "directory_last_resort_key_packages_stored",
      help: "Last-resort KeyPackages stored.",
      registers,
    });
    this.published = new Counter({
      name: "directory_key_packages_published_total",
      help: "KeyPackages accepted and newly stored (re-uploads not counted).",
      registers,
    });
    this.rejected = new Counter({
      name: "directory_key_packages_rejected_total",
      help: "Uploaded KeyPackages rejected, by reason.",
      labelNames: ["reason"],
      registers,
    });
    this.claims = new Counter({
      name: "directory_claims_total",
      help: "Per-client claim outcomes: claimed, last_resort, exhausted, no_compatible_cipher_suite.",
      labelNames: ["outcome"],
      registers,
    });
    this.purged = new Counter({
      name: "directory_purged_total",
      help: "Expired entries deleted by the purger: one_time, last_resort, route, client.",
      labelNames: ["kind"],
      registers,
    });
  }

  setStored(oneTime: number, lastResort: number): void {
    this.stored.set(oneTime);
    this.storedLastResort.set(lastResort);
  }

  publishedStored(oneTime: number, lastResortDelta: number, accepted: number): void {
    this.stored.inc(oneTime);
    this.storedLastResort.inc(lastResortDelta);
    this.published.inc(accepted);
  }

  rejectedUpload(reason: RejectReason): void {
    this.rejected.inc({ reason: (RejectReason[reason] ?? "UNKNOWN").toLowerCase() });
  }

  claimed(status: ClaimStatus): void {
    if (status === ClaimStatus.CLAIMED) this.stored.dec();
    this.claims.inc({ outcome: (ClaimStatus[status] ?? "UNKNOWN").toLowerCase() });
  }

  deleted(oneTime: number, lastResort: number): void {
    this.stored.dec(oneTime);
    this.storedLastResort.dec(lastResort);
  }

  purgedExpired(counts: { oneTime: number; lastResort: number; routes: number; clients: number }): void {
    this.deleted(counts.oneTime, counts.lastResort);
    this.purged.inc({ kind: "one_time" }, counts.oneTime);
    this.purged.inc({ kind: "last_resort" }, counts.lastResort);
    this.purged.inc({ kind: "route" }, counts.routes);
    this.purged.inc({ kind: "client" }, counts.clients);
  }
}
