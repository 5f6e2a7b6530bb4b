/**
 * transparency-dev/merkle test cases (inclusion, consistency, subtree inclusion, subtree
 * consistency), read from ../shared. Every case is counted so an empty or missing directory
 * cannot pass silently.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { findShared } from "@parley/testing";
import {
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from "../src/index.js";

const root = findShared("vectors", "tlog", "transparency-dev-merkle");
const EXPECTED_CASES = 518;

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith(".json")) out.push(path);
  }
  return out;
}

const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "base64"));
const proofOf = (p: unknown): Uint8Array[] => ((p as string[] | null) ?? []).map(b64);

type Case = Record<string, unknown> & { wantErr: boolean; desc: string };

/** Runs one case; returns true if it verified, false if it was rejected with a typed error. */
function run(kind: string, c: Case): boolean {
  const n = (k: string): number => c[k] as number;
  const h = (k: string): Uint8Array => b64(c[k] as string);
  try {
    switch (kind) {
      case "inclusion":
        verifyInclusion(h("leafHash"), n("leafIdx"), n("treeSize"), proofOf(c["proof"]), h("root"));
        break;
      case "consistency":
        verifyConsistency(n("size1"), n("size2"), proofOf(c["proof"]), h("root1"), h("root2"));
        break;
      case "subtreeinclusion":
        verifySubtreeInclusion(
          h("leafHash"),
          n("leafIdx"),
          n("start"),
          n("end"),
          proofOf(c["proof"]),
          h("root"),
        );
        break;
      case "subtreeconsistency":
        verifySubtreeConsistency(
          n("start"),
          n("end"),
          n("size"),
          proofOf(c["proof"]),
          h("root1"),
          h("root2"),
        );
        break;
      default:
        throw new Error(`unknown vector kind ${kind}`);
    }
    return true;
  } catch (e) {
    assert.ok(
      e instanceof Error && (e.name === "ProofError" || e instanceof RangeError),
      `untyped error ${String(e)}`,
    );
    return false;
  }
}

test(
  "transparency-dev/merkle: every case verifies or is rejected as expected",
  { skip: root === undefined },
  () => {
    const files = walk(root ?? "", []);
    const perKind = new Map<string, number>();
    const failures: string[] = [];
    for (const file of files) {
      const kind = relative(root ?? "", file).split("/")[0] ?? "";
      const c = JSON.parse(readFileSync(file, "utf8")) as Case;
      const ok = run(kind, c);
      if (ok === c.wantErr) failures.push(`${relative(root ?? "", file)}: wantErr=${c.wantErr} (${c.desc})`);
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    }
    assert.deepEqual(failures, []);
    assert.equal(files.length, EXPECTED_CASES);
    assert.deepEqual(Object.fromEntries(perKind), {
      consistency: 98,
      inclusion: 98,
      subtreeconsistency: 118,
      subtreeinclusion: 204,
    });
  },
);
