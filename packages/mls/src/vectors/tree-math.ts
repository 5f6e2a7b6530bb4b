import type { CryptoProvider } from "../crypto/provider.js";
import { UsageError } from "../errors.js";
import {
  type NodeIndex,
  isLeaf,
  left,
  nodeWidth,
  parent,
  right,
  root,
  sibling,
  toNodeIndex,
} from "../tree-math/index.js";
import type { VectorOutcome, VectorRunner } from "./types.js";

/**
 * Runner for `tree-math.json` (RFC 9420 Appendix C). One case per array element, covering its node
 * count, root and every element of its `left`, `right`, `parent` and `sibling` arrays, where `null`
 * means the relationship does not exist (a leaf's children, the root's parent and sibling).
 * No cryptography; the provider is unused.
 */
export const run: VectorRunner = (data: unknown, _provider: CryptoProvider): VectorOutcome => {
  const outcome: VectorOutcome = { passed: 0, failed: 0, skipped: 0, failures: [], skipReasons: [] };
  if (!Array.isArray(data)) {
    outcome.failed++;
    outcome.failures.push("tree-math: the file is not a JSON array of cases");
    return outcome;
  }
  data.forEach((item: unknown, index) => {
    const problems = checkCase(item);
    if (problems.length === 0) outcome.passed++;
    else {
      outcome.failed++;
      outcome.failures.push(`tree-math case ${index} (no cipher suite): ${problems.slice(0, 5).join("; ")}`);
    }
  });
  return outcome;
};

type Relation = (x: NodeIndex, nLeaves: number) => number | null;

/** Each relation answers `null` exactly where the RFC says the node has none. */
const RELATIONS: readonly (readonly [string, Relation])[] = [
  ["left", (x) => (isLeaf(x) ? null : left(x))],
  ["right", (x) => (isLeaf(x) ? null : right(x))],
  ["parent", (x, n) => (x === root(n) ? null : parent(x, n))],
  ["sibling", (x, n) => (x === root(n) ? null : sibling(x, n))],
];

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0;
}

function checkCase(item: unknown): string[] {
  if (typeof item !== "object" || item === null) return ["case is not an object"];
  const fields = item as Record<string, unknown>;
  const nLeaves = fields["n_leaves"];
  const nNodes = fields["n_nodes"];
  if (!isCount(nLeaves) || !isCount(nNodes) || !isCount(fields["root"])) {
    return ["n_leaves, n_nodes and root must be non-negative integers"];
  }
  const problems: string[] = [];
  try {
    if (nodeWidth(nLeaves) !== nNodes)
      problems.push(`nodeWidth(${nLeaves}) = ${nodeWidth(nLeaves)}, expected ${nNodes}`);
    if (root(nLeaves) !== fields["root"])
      problems.push(`root = ${root(nLeaves)}, expected ${String(fields["root"])}`);
    for (const [name, relation] of RELATIONS)
      problems.push(...checkArray(fields[name], name, relation, nLeaves, nNodes));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    problems.push(`tree math rejected the case: ${e.message}`);
  }
  return problems;
}

function checkArray(
  expected: unknown,
  name: string,
  relation: Relation,
  nLeaves: number,
  nNodes: number,
): string[] {
  if (!Array.isArray(expected) || expected.length !== nNodes)
    return [`${name} is not an array of ${nNodes} entries`];
  const problems: string[] = [];
  expected.forEach((want: unknown, i) => {
    if (want !== null && !isCount(want)) {
      problems.push(`${name}[${i}] is neither null nor a node index`);
      return;
    }
    const got = relation(toNodeIndex(i), nLeaves);
    if (got !== want) problems.push(`${name}(${i}) = ${String(got)}, expected ${String(want)}`);
  });
  return problems;
}
