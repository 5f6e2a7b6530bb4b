import { test } from "node:test";
import assert from "node:assert/strict";
import { vectorFileTests } from "./vector-file.js";
import { nodeProvider } from "../src/crypto/index.js";
import { run } from "../src/vectors/treekem.js";

const data = vectorFileTests(
  "treekem.json",
  "private state matches, every UpdatePath is processed by every private leaf, fresh paths round-trip",
  run,
  1,
  true,
);

test("treekem runner: a wrong commit secret, path secret, tree hash or private key fails that case only", (t) => {
  if (!Array.isArray(data)) return t.skip("treekem.json not found");
  type Path = { commit_secret: string; tree_hash_after: string; path_secrets: (string | null)[] };
  type Leaf = { encryption_priv: string };
  const first = data[0] as { update_paths: Path[]; leaves_private: Leaf[] };
  const [p0, ...restPaths] = first.update_paths;
  const [l0, ...restLeaves] = first.leaves_private;
  assert.ok(p0 !== undefined && l0 !== undefined);
  const zero = "00".repeat(32);
  const withPath = (p: Path) => ({ ...first, update_paths: [p, ...restPaths] });
  const outcome = run(
    [
      first,
      withPath({ ...p0, commit_secret: zero }),
      withPath({ ...p0, path_secrets: p0.path_secrets.map((s) => (s === null ? null : zero)) }),
      withPath({ ...p0, tree_hash_after: zero }),
      {
        ...first,
        leaves_private: [{ ...l0, encryption_priv: (restLeaves[0] ?? l0).encryption_priv }, ...restLeaves],
      },
    ],
    nodeProvider,
  );
  assert.equal(outcome.passed, 1);
  assert.equal(outcome.failed, 4);
  assert.match(outcome.failures[0] ?? "", /case 1 \(suite 1\): update_paths\[0\] at leaf \d+ commit secret/);
  assert.match(outcome.failures[1] ?? "", /case 2 \(suite 1\): update_paths\[0\] at leaf \d+ path secret/);
  assert.match(outcome.failures[2] ?? "", /case 3 \(suite 1\): update_paths\[0\] tree hash after/);
  assert.match(outcome.failures[3] ?? "", /case 4 \(suite 1\): ValidationError: PATH-6/);
});
