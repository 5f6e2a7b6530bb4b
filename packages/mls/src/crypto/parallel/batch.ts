/**
 * The batch operations of the crypto pool and the one function that runs them, used unchanged by the pool's
 * worker threads and by its in-thread fallback, so a batch gives the same results wherever it runs. Only the
 * operations whose items are independent of each other are offered: the HPKE encryptions of an UpdatePath
 * (RFC 9420 §7.6, one per copath resolution member) and the signature checks of a received tree's leaves
 * (§7.9.2 / §12.4.3.1).
 */
import { CryptoError, InternalError, UnsupportedError, UsageError, type MlsError } from "../../errors.js";
import { encryptWithLabel, verifyWithLabel } from "../labels.js";
import type { CipherSuite, CryptoProvider, HpkeCiphertext } from "../provider.js";

export type ProviderName = "node" | "noble";

/** One RFC 9180 §6.1 single-shot SealBase. */
export interface HpkeSealItem {
  readonly publicKey: Uint8Array;
  readonly info: Uint8Array;
  readonly aad: Uint8Array;
  readonly plaintext: Uint8Array;
}

/** One RFC 9420 §5.1.3 EncryptWithLabel. */
export interface EncryptWithLabelItem {
  readonly publicKey: Uint8Array;
  readonly label: string;
  readonly context: Uint8Array;
  readonly plaintext: Uint8Array;
}

/** One RFC 9420 §5.1.2 VerifyWithLabel. */
export interface VerifyWithLabelItem {
  readonly publicKey: Uint8Array;
  readonly label: string;
  readonly content: Uint8Array;
  readonly signature: Uint8Array;
}

interface BatchOf<Op extends string, Item> {
  readonly op: Op;
  readonly provider: ProviderName;
  readonly suiteId: number;
  readonly items: readonly Item[];
}

export type BatchRequest =
  | BatchOf<"hpkeSeal", HpkeSealItem>
  | BatchOf<"encryptWithLabel", EncryptWithLabelItem>
  | BatchOf<"verifyWithLabel", VerifyWithLabelItem>
  | BatchOf<"checkWithLabel", VerifyWithLabelItem>;

export type BatchOp = BatchRequest["op"];

/** Per item: a ciphertext (seal, encrypt), a verdict (verify) or a verdict or `null` for unusable input (check). */
export type BatchResult = HpkeCiphertext[] | boolean[] | (boolean | null)[];

/** What a failed item becomes on its way between threads: the error class name, its message, the item. */
export interface BatchFailure {
  readonly name: string;
  readonly message: string;
  readonly index: number;
}

/** The public name of each batch operation, for error messages. */
export const OP_NAMES: Record<BatchOp, string> = {
  hpkeSeal: "hpkeSealMany",
  encryptWithLabel: "encryptWithLabelMany",
  verifyWithLabel: "verifyWithLabelMany",
  checkWithLabel: "verifyWithLabelAll",
};

/** Items `start` to `end` (exclusive) of `batch`, as a batch of their own. */
export function sliceBatch(batch: BatchRequest, start: number, end: number): BatchRequest {
  switch (batch.op) {
    case "hpkeSeal":
      return { ...batch, items: batch.items.slice(start, end) };
    case "encryptWithLabel":
      return { ...batch, items: batch.items.slice(start, end) };
    case "verifyWithLabel":
      return { ...batch, items: batch.items.slice(start, end) };
    case "checkWithLabel":
      return { ...batch, items: batch.items.slice(start, end) };
  }
}

/**
 * VerifyWithLabel that reports an unusable key or signature (a `CryptoError`) as `null` instead of throwing,
 * so one malformed item cannot fail a batch whose verdicts a caller will re-ask for one by one.
 */
function checkWithLabel(cs: CipherSuite, x: VerifyWithLabelItem): boolean | null {
  try {
    return verifyWithLabel(cs, x.publicKey, x.label, x.content, x.signature);
  } catch (err) {
    if (err instanceof CryptoError) return null;
    throw err;
  }
}

/** Thrown by `runBatch`: which item failed and why (the cause is the library's own error). */
export class BatchItemError extends Error {
  constructor(
    readonly index: number,
    cause: unknown,
  ) {
    super(`item ${index}`, { cause });
  }
}

function eachItem<Item, R>(items: readonly Item[], run: (item: Item) => R): R[] {
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === undefined) throw new BatchItemError(i, new UsageError("missing batch item"));
    try {
      out.push(run(item));
    } catch (err) {
      throw new BatchItemError(i, err);
    }
  }
  return out;
}

/**
 * Runs a whole batch in the calling thread with `provider` (the one `batch.provider` names); the first
 * failing item ends it with a `BatchItemError`.
 */
export function runBatch(batch: BatchRequest, provider: CryptoProvider): BatchResult {
  if (provider.name !== batch.provider) {
    throw new InternalError(`a ${batch.provider} batch was given the ${provider.name} provider`);
  }
  const cs = provider.suite(batch.suiteId);
  switch (batch.op) {
    case "hpkeSeal":
      return eachItem(batch.items, (x) => cs.hpke.seal(x.publicKey, x.info, x.aad, x.plaintext));
    case "encryptWithLabel":
      return eachItem(batch.items, (x) => encryptWithLabel(cs, x.publicKey, x.label, x.context, x.plaintext));
    case "verifyWithLabel":
      return eachItem(batch.items, (x) => verifyWithLabel(cs, x.publicKey, x.label, x.content, x.signature));
    case "checkWithLabel":
      return eachItem(batch.items, (x) => checkWithLabel(cs, x));
  }
}

/** `runBatch` with a failure turned into the error the single-item call would throw (see `failureError`). */
export function runInThread(batch: BatchRequest, provider: CryptoProvider): BatchResult {
  try {
    return runBatch(batch, provider);
  } catch (err) {
    throw failureError(batch.op, describeFailure(err), 0);
  }
}

/** A thrown value as a `BatchFailure` (structured-clone safe, no stack, no cause chain with key material). */
export function describeFailure(err: unknown): BatchFailure {
  const index = err instanceof BatchItemError ? err.index : -1;
  const cause = err instanceof BatchItemError ? err.cause : err;
  if (cause instanceof Error) return { name: cause.name, message: cause.message, index };
  return { name: "Error", message: String(cause), index };
}

/**
 * The error a caller sees for a failed batch: the library's class where the failure was one (so callers can
 * branch on `CryptoError` as for the single-item call), prefixed with the operation and the item index.
 */
export function failureError(op: BatchOp, failure: BatchFailure, offset: number): MlsError {
  const where = failure.index < 0 ? OP_NAMES[op] : `${OP_NAMES[op]} item ${offset + failure.index}`;
  const message = `${where}: ${failure.message}`;
  switch (failure.name) {
    case "CryptoError":
      return new CryptoError(message);
    case "UsageError":
      return new UsageError(message);
    case "UnsupportedError":
      return new UnsupportedError(message);
    default:
      return new InternalError(`${where}: unexpected ${failure.name}: ${failure.message}`);
  }
}
