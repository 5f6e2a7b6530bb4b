export {
  REPO_ROOT,
  sharedRoot,
  sharedPath,
  underCI,
  findShared,
  readSharedJson,
  MissingVectorError,
} from "./shared.js";
