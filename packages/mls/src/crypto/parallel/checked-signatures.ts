/**
 * Signatures verified ahead of a sequential validation pass, in parallel. The validation code stays the one
 * readable, rule-by-rule walk it is (§7.3, §10.1, §12.4.3.1: each check in the RFC's order, each failure
 * named); `withCheckedSignatures` (parallel-crypto.ts) only runs the expensive part of its VerifyWithLabel calls first, on every
 * core, and `verifyWithLabel` answers from these verdicts while the pass runs. A verdict is used only for the
 * exact (suite, key, label, content, signature) it was computed for, so a pass that asks anything else
 * verifies it afresh; the verdicts are dropped when the pass returns or throws. Synchronous by design: no
 * other code can run while a scope is open.
 */
import { toHex, bytesEqual } from "@parley/codec";
import type { CipherSuite } from "../provider.js";
import type { VerifyWithLabelItem } from "./batch.js";

interface Verdict {
  /** The suite object itself: two providers may differ on edge cases (e.g. non-canonical encodings). */
  readonly cs: CipherSuite;
  readonly item: VerifyWithLabelItem;
  readonly ok: boolean;
}

let scope: Map<string, Verdict> | undefined;

/**
 * Runs `pass` with `verdicts` (one per item; `null` for an unusable key or signature, which is not recorded
 * so the pass meets the single-item call's error) on hand for `verifyWithLabel`. See parallel-crypto.ts.
 */
export function runWithVerdicts<T>(
  cs: CipherSuite,
  items: readonly VerifyWithLabelItem[],
  verdicts: readonly (boolean | null)[],
  pass: () => T,
): T {
  const known = new Map(scope);
  items.forEach((item, i) => {
    const ok = verdicts[i];
    if (typeof ok === "boolean") known.set(toHex(item.signature), { cs, item, ok });
  });
  const outer = scope;
  scope = known;
  try {
    return pass();
  } finally {
    scope = outer;
  }
}

/** The verdict computed ahead for exactly this signature check, if any. */
export function checkedVerdict(
  cs: CipherSuite,
  publicKey: Uint8Array,
  label: string,
  content: Uint8Array,
  signature: Uint8Array,
): boolean | undefined {
  if (scope === undefined) return undefined;
  const v = scope.get(toHex(signature));
  if (v === undefined || v.cs !== cs || v.item.label !== label) return undefined;
  const same =
    bytesEqual(v.item.signature, signature) &&
    bytesEqual(v.item.publicKey, publicKey) &&
    bytesEqual(v.item.content, content);
  return same ? v.ok : undefined;
}
