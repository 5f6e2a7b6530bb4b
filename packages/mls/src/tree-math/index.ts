export * from "./indices.js";
export * from "./array-tree.js";
