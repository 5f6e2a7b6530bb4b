/** `@parley/tlog/node`: Node-only accelerations of the portable library. */
export { nodeTreeHasher } from "./node-tree-hasher.js";
