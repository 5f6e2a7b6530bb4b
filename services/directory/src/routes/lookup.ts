import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ServiceError, type CallContext } from "@parley/kit";
import {
  LookupKeyPackageRefRequestSchema,
  type LookupKeyPackageRefRequest,
  type LookupKeyPackageRefResponseSchema,
} from "@parley/proto/parley/directory/v1/directory_pb.js";
import { authenticate } from "../auth/authenticate.js";
import type { DirectoryContext } from "../context.js";
import { checkRef } from "./args.js";

/**
 * LookupKeyPackageRef: the client a handed-out KeyPackage belongs to, so a Welcome addressed to its
 * ref (RFC 9420 §12.4.3.1 EncryptedGroupSecrets.new_member) reaches that client. Forgotten once the
 * KeyPackage's lifetime is over: no valid Welcome can name it after that.
 */
export function lookupRoute(k: DirectoryContext) {
  return async (
    req: LookupKeyPackageRefRequest,
    ctx: CallContext,
  ): Promise<MessageInitShape<typeof LookupKeyPackageRefResponseSchema>> => {
    authenticate(k.auth, ctx, LookupKeyPackageRefRequestSchema, req);
    checkRef(req.keyPackageRef, "key_package_ref");
    const route = await k.store.getRoute(req.keyPackageRef);
    if (route === undefined || route.expiresAt < k.nowSeconds()) {
      throw new ServiceError(
        Code.NotFound,
        "no handed-out KeyPackage has this ref (never claimed, or expired)",
      );
    }
    return {
      client: { userId: route.client.userId, clientId: route.client.clientId },
      lastResort: route.lastResort,
      expiresAt: BigInt(route.expiresAt),
    };
  };
}
