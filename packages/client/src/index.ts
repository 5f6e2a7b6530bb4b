export { auditLog, type AuditOptions } from "./audit/audit-log.js";
export type {
  AuditReport,
  AuditSuccess,
  AuditFailure,
  AuditProblem,
  AuditProblemKind,
} from "./audit/report.js";
export * from "./identity/index.js";
export {
  verifyAppendResponse,
  AppendProofError,
  type AppendVerifyOptions,
  type VerifiedAppend,
} from "./append-proofs.js";
