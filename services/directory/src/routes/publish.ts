import type { MessageInitShape } from "@bufbuild/protobuf";
import type { CallContext } from "@parley/kit";
import {
  PublishKeyPackagesRequestSchema,
  RejectReason,
  type PublishKeyPackagesRequest,
  type PublishKeyPackagesResponseSchema,
  type PublishResultSchema,
} from "@parley/proto/parley/directory/v1/directory_pb.js";
import { authenticate } from "../auth/authenticate.js";
import type { DirectoryContext } from "../context.js";
import { callerCredentialValidator } from "../publish/caller-credential.js";
import { checkUpload } from "../publish/check-upload.js";
import { storeUploads, type StoredResult } from "../publish/store-uploads.js";
import { invalidArgument } from "./args.js";

type Result = MessageInitShape<typeof PublishResultSchema>;

/** Request-shape limits, checked before any KeyPackage is parsed. */
function checkShape(k: DirectoryContext, items: readonly Uint8Array[]): void {
  const { publishMaxItems, maxKeyPackageBytes } = k.config;
  if (items.length === 0) throw invalidArgument("key_packages is empty");
  if (items.length > publishMaxItems) {
    throw invalidArgument(
      `key_packages carries ${items.length} KeyPackages, at most ${publishMaxItems} allowed`,
    );
  }
  items.forEach((item, i) => {
    if (item.length > maxKeyPackageBytes) {
      throw invalidArgument(
        `key_packages[${i}] is ${item.length} bytes, at most ${maxKeyPackageBytes} allowed`,
      );
    }
  });
}

function toResult(k: DirectoryContext, r: StoredResult): Result {
  const up = r.upload;
  if (!up.ok) {
    k.metrics.rejectedUpload(up.reason);
    return { keyPackageRef: up.ref, cipherSuite: up.suite, reason: up.reason, message: up.message };
  }
  if (r.refusal !== undefined) {
    k.metrics.rejectedUpload(r.refusal.reason);
    return { keyPackageRef: up.ref, cipherSuite: up.suite, lastResort: up.lastResort, ...r.refusal };
  }
  return {
    keyPackageRef: up.ref,
    cipherSuite: up.suite,
    lastResort: up.lastResort,
    accepted: true,
    alreadyStored: r.alreadyStored,
    reason: RejectReason.UNSPECIFIED,
  };
}

/** PublishKeyPackages: authenticate, validate each KeyPackage, store the valid ones in one write. */
export function publishRoute(k: DirectoryContext) {
  return async (
    req: PublishKeyPackagesRequest,
    ctx: CallContext,
  ): Promise<MessageInitShape<typeof PublishKeyPackagesResponseSchema>> => {
    const caller = authenticate(k.auth, ctx, PublishKeyPackagesRequestSchema, req);
    checkShape(k, req.keyPackages);
    const now = k.now();
    const validateCredential = callerCredentialValidator(k.validateCredential, caller);
    const checked = req.keyPackages.map((bytes) =>
      checkUpload(bytes, caller, k.config, validateCredential, now),
    );
    const outcome = await storeUploads(k.store, caller, checked, k.config.maxStoredPerClient, k.nowSeconds());
    const accepted = outcome.results.filter(
      (r) => r.upload.ok && r.refusal === undefined && !r.alreadyStored,
    );
    k.metrics.publishedStored(outcome.storedOneTime, outcome.lastResortDelta, accepted.length);
    return { results: outcome.results.map((r) => toResult(k, r)) };
  };
}
