export {
  REPO_ROOT,
  sharedRoot,
  sharedPath,
  underCI,
  findShared,
  readSharedJson,
  MissingVectorError,
} from "./shared.js";
export { statusOf } from "./grpc-status.js";
