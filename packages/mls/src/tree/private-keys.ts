/**
 * The local member's private view of the ratchet tree (§4.2): the HPKE private keys it holds, by node. Keys
 * replaced or dropped are overwritten at once (§7.5: "delete outdated key material"); `clone` copies the bytes
 * so that a staged state can be discarded or wiped without touching the current one.
 */
import { UsageError } from "../errors.js";
import type { NodeIndex } from "../tree-math/index.js";

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

export class TreePrivateKeys {
  readonly #keys = new Map<NodeIndex, Uint8Array>();

  get(x: NodeIndex): Uint8Array | undefined {
    return this.#keys.get(x);
  }

  has(x: NodeIndex): boolean {
    return this.#keys.has(x);
  }

  /** Stores a key the caller hands over (it must not keep using the array); wipes any key it replaces. */
  set(x: NodeIndex, privateKey: Uint8Array): void {
    if (privateKey.length === 0) throw new UsageError(`empty private key for node ${x}`);
    const old = this.#keys.get(x);
    if (old !== undefined && old !== privateKey) old.fill(0);
    this.#keys.set(x, privateKey);
  }

  delete(x: NodeIndex): void {
    this.#keys.get(x)?.fill(0);
    this.#keys.delete(x);
  }

  /** Node indices with a key, ascending. */
  nodes(): NodeIndex[] {
    return [...this.#keys.keys()].sort((a, b) => a - b);
  }

  clone(): TreePrivateKeys {
    const copy = new TreePrivateKeys();
    for (const [x, key] of this.#keys) copy.#keys.set(x, key.slice());
    return copy;
  }

  wipe(): void {
    for (const key of this.#keys.values()) key.fill(0);
    this.#keys.clear();
  }

  /** Keeps private keys out of logs and `console.log` output. */
  [inspectSymbol](): string {
    return `TreePrivateKeys(nodes: ${this.nodes().join(", ")})`;
  }

  toJSON(): string {
    return `TreePrivateKeys(${this.#keys.size} keys)`;
  }
}
