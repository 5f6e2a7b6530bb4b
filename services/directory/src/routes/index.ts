import { bindService, type ServiceBinding } from "@parley/kit";
import { DirectoryService } from "@parley/proto/parley/directory/v1/directory_pb.js";
import type { DirectoryContext } from "../context.js";
import { claimRoute } from "./claim.js";
import { deleteRoute } from "./delete.js";
import { lookupRoute } from "./lookup.js";
import { publishRoute } from "./publish.js";
import { statusRoute } from "./status.js";

/** The DirectoryService binding: one route file per RPC. */
export function directoryService(k: DirectoryContext): ServiceBinding {
  return bindService(DirectoryService, {
    publishKeyPackages: publishRoute(k),
    claimKeyPackages: claimRoute(k),
    getKeyPackageStatus: statusRoute(k),
    deleteKeyPackages: deleteRoute(k),
    lookupKeyPackageRef: lookupRoute(k),
  });
}
