import type { MessageInitShape } from "@bufbuild/protobuf";
import type { CallContext } from "@parley/kit";
import {
  DeleteKeyPackagesRequestSchema,
  type DeleteKeyPackagesRequest,
  type DeleteKeyPackagesResponseSchema,
} from "@parley/proto/parley/directory/v1/directory_pb.js";
import { authenticate } from "../auth/authenticate.js";
import { deleteAll, deleteByRefs } from "../claim/delete-key-packages.js";
import type { DirectoryContext } from "../context.js";
import { checkRef, invalidArgument } from "./args.js";

/** DeleteKeyPackages: the caller deletes its own KeyPackages only. */
export function deleteRoute(k: DirectoryContext) {
  return async (
    req: DeleteKeyPackagesRequest,
    ctx: CallContext,
  ): Promise<MessageInitShape<typeof DeleteKeyPackagesResponseSchema>> => {
    const caller = authenticate(k.auth, ctx, DeleteKeyPackagesRequestSchema, req);
    const refs = req.keyPackageRefs;
    if (req.all && refs.length > 0) throw invalidArgument("set either all or key_package_refs, not both");
    if (!req.all && refs.length === 0) throw invalidArgument("key_package_refs is empty (or set all)");
    if (refs.length > k.config.deleteMaxRefs) {
      throw invalidArgument(
        `key_package_refs names ${refs.length} refs, at most ${k.config.deleteMaxRefs} allowed`,
      );
    }
    refs.forEach((ref, i) => checkRef(ref, `key_package_refs[${i}]`));
    const outcome = req.all ? await deleteAll(k.store, caller) : await deleteByRefs(k.store, caller, refs);
    k.metrics.deleted(outcome.deletedOneTime, outcome.deletedLastResort);
    return { deleted: outcome.deletedOneTime + outcome.deletedLastResort, notFound: outcome.notFound };
  };
}
