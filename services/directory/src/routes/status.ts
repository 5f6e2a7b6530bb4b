import type { MessageInitShape } from "@bufbuild/protobuf";
import type { CallContext } from "@parley/kit";
import {
  GetKeyPackageStatusRequestSchema,
  type GetKeyPackageStatusRequest,
  type GetKeyPackageStatusResponseSchema,
} from "@parley/proto/parley/directory/v1/directory_pb.js";
import { authenticate } from "../auth/authenticate.js";
import { keyPackageStatus } from "../claim/key-package-status.js";
import type { DirectoryContext } from "../context.js";

/** GetKeyPackageStatus: the caller's own stock; nobody can read another client's. */
export function statusRoute(k: DirectoryContext) {
  return async (
    req: GetKeyPackageStatusRequest,
    ctx: CallContext,
  ): Promise<MessageInitShape<typeof GetKeyPackageStatusResponseSchema>> => {
    const caller = authenticate(k.auth, ctx, GetKeyPackageStatusRequestSchema, req);
    return { cipherSuites: await keyPackageStatus(k.store, caller, k.nowSeconds()) };
  };
}
