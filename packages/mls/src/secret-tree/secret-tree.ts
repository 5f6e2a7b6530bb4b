/**
 * RFC 9420 §9 "Secret Tree": a tree of secrets shaped like the ratchet tree, rooted at `encryption_secret`,
 * whose leaves seed each member's handshake and application ratchets.
 *
 * Secrets are derived lazily along the path to the leaf that needs them. §9.2: a parent's secret is deleted
 * as soon as both children are derived from it, and a leaf's secret as soon as its two ratchets are seeded,
 * so at any time the tree holds only the frontier of underived nodes. `exportState` / `fromState` carry exactly
 * that live state (the frontier, the ratchets, their retained keys) across a restart, so a stored tree never
 * holds a secret the running one had deleted.
 */
import type { CipherSuite } from "../crypto/provider.js";
import { expandWithLabel } from "../crypto/labels.js";
import { UsageError, ValidationError } from "../errors.js";
import { wipeBytes } from "../schedule/secret.js";
import { leafToNode, left, right, root, toLeafIndex, toNodeIndex } from "../tree-math/index.js";
import type { NodeIndex } from "../tree-math/index.js";
import { SecretTreeRule } from "./rules.js";
import { SenderRatchet, defaultRatchetPolicy } from "./sender-ratchet.js";
import type { RatchetPolicy, RatchetType } from "./sender-ratchet.js";
import { checkSecretTreeState } from "./tree-state.js";
import type { LeafRatchetsState, SecretTreeState } from "./tree-state.js";

const EMPTY = new Uint8Array(0);
const LEFT = new TextEncoder().encode("left");
const RIGHT = new TextEncoder().encode("right");

interface LeafRatchets {
  handshake: SenderRatchet;
  application: SenderRatchet;
}

/** Marks the constructor call of `fromState`, which fills the tree itself. Module-private on purpose. */
const FROM_STATE: unique symbol = Symbol("SecretTree.fromState");

const ratchetName = (leaf: number, type: RatchetType) => `leaf ${leaf} ${type} ratchet`;

export class SecretTree {
  /** Node secrets not yet expanded, by node index (§9 uses the ratchet tree's array layout, Appendix C). */
  readonly #nodes = new Map<NodeIndex, Uint8Array>();
  readonly #ratchets = new Map<number, LeafRatchets>();
  readonly #policy: RatchetPolicy;
  #wiped = false;

  /**
   * `encryptionSecret` is copied: the key schedule's copy is the caller's to delete, and should be deleted
   * once the tree is built, so that the tree's root is its only representation (§9.2 counts it consumed once
   * the first message of the epoch is protected or unprotected, and the tree deletes the root then).
   */
  constructor(
    private readonly cs: CipherSuite,
    encryptionSecret: Uint8Array | typeof FROM_STATE,
    readonly leafCount: number,
    policy: Partial<RatchetPolicy> = {},
  ) {
    if (!Number.isInteger(leafCount) || leafCount < 1) {
      throw new UsageError(`a secret tree needs a positive leaf count, got ${leafCount}`);
    }
    this.#policy = { ...defaultRatchetPolicy, ...policy };
    checkPolicy(this.#policy);
    if (encryptionSecret === FROM_STATE) return;
    if (encryptionSecret.length !== cs.hashLength) {
      throw new UsageError(
        `encryption_secret must be ${cs.hashLength} bytes, got ${encryptionSecret.length}`,
      );
    }
    this.#nodes.set(root(leafCount), encryptionSecret.slice());
  }

  /**
   * The tree `state` describes (an `exportState` result, possibly from another process), after the strict
   * SECRET-TREE-6 check; its bytes are copied. Generations consumed before the export stay consumed.
   */
  static fromState(cs: CipherSuite, state: SecretTreeState, policy: Partial<RatchetPolicy> = {}): SecretTree {
    checkSecretTreeState(cs, state);
    const tree = new SecretTree(cs, FROM_STATE, state.leafCount, policy);
    for (const [node, secret] of state.nodes) tree.#nodes.set(toNodeIndex(node), secret.slice());
    for (const [leaf, r] of state.ratchets) {
      tree.#ratchets.set(leaf, {
        handshake: SenderRatchet.fromState(cs, r.handshake, tree.#policy, ratchetName(leaf, "handshake")),
        application: SenderRatchet.fromState(
          cs,
          r.application,
          tree.#policy,
          ratchetName(leaf, "application"),
        ),
      });
    }
    return tree;
  }

  /**
   * A copy of the tree's live state (§9.2): the unexpanded node secrets and each derived leaf's ratchets,
   * never a consumed secret. After `wipe()` nothing is live, so exporting is refused.
   */
  exportState(): SecretTreeState {
    if (this.#wiped) throw new UsageError("the secret tree was deleted; it has no state to export");
    const ratchets = [...this.#ratchets]
      .sort(([a], [b]) => a - b)
      .map(([leaf, r]): readonly [number, LeafRatchetsState] => [
        leaf,
        { handshake: r.handshake.exportState(), application: r.application.exportState() },
      ]);
    const nodes = [...this.#nodes]
      .sort(([a], [b]) => a - b)
      .map(([node, secret]) => [node, secret.slice()] as const);
    return { leafCount: this.leafCount, nodes, ratchets };
  }

  /**
   * How many node secrets the tree still holds: the frontier of underived nodes. Exposed so the §9.2
   * deletion schedule (parents go once their children exist, leaves once their ratchets exist) is testable.
   */
  get heldNodeSecrets(): number {
    return this.#nodes.size;
  }

  /** The ratchet of `leafIndex` of the given type, deriving the path to that leaf on first use. */
  ratchet(leafIndex: number, type: RatchetType): SenderRatchet {
    return this.leafRatchets(leafIndex)[type];
  }

  private leafRatchets(leafIndex: number): LeafRatchets {
    if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= this.leafCount) {
      const rule = SecretTreeRule.leafInRange;
      throw new ValidationError(
        rule.id,
        rule.section,
        `leaf index ${leafIndex} is outside the tree of ${this.leafCount} leaves`,
      );
    }
    const existing = this.#ratchets.get(leafIndex);
    if (existing !== undefined) return existing;
    const leafSecret = this.deriveLeafSecret(leafIndex);
    // §9: the ratchet roots are ExpandWithLabel(leaf_secret, "handshake" | "application", "", KDF.Nh).
    const made: LeafRatchets = {
      handshake: new SenderRatchet(
        this.cs,
        expandWithLabel(this.cs, leafSecret, "handshake", EMPTY, this.cs.hashLength),
        this.#policy,
        ratchetName(leafIndex, "handshake"),
      ),
      application: new SenderRatchet(
        this.cs,
        expandWithLabel(this.cs, leafSecret, "application", EMPTY, this.cs.hashLength),
        this.#policy,
        ratchetName(leafIndex, "application"),
      ),
    };
    wipeBytes(leafSecret);
    this.#ratchets.set(leafIndex, made);
    return made;
  }

  /** Walks from the root towards the leaf, expanding each underived node on the way (§9). */
  private deriveLeafSecret(leafIndex: number): Uint8Array {
    const target = leafToNode(toLeafIndex(leafIndex));
    let node = root(this.leafCount);
    while (node !== target) {
      const secret = this.#nodes.get(node);
      const l = left(node);
      const r = right(node);
      if (secret !== undefined) {
        // §9: left = ExpandWithLabel(parent, "tree", "left", Nh); right likewise with "right".
        this.#nodes.set(l, expandWithLabel(this.cs, secret, "tree", LEFT, this.cs.hashLength));
        this.#nodes.set(r, expandWithLabel(this.cs, secret, "tree", RIGHT, this.cs.hashLength));
        wipeBytes(secret);
        this.#nodes.delete(node);
      }
      node = target < node ? l : r;
    }
    const leafSecret = this.#nodes.get(target);
    if (leafSecret === undefined) {
      throw new UsageError(`the secret tree was deleted; leaf ${leafIndex} has no secret left`);
    }
    this.#nodes.delete(target);
    return leafSecret;
  }

  /** Deletes every node secret, ratchet secret and retained key (end of the epoch, §9.2). */
  wipe(): void {
    this.#wiped = true;
    for (const secret of this.#nodes.values()) wipeBytes(secret);
    this.#nodes.clear();
    for (const r of this.#ratchets.values()) {
      r.handshake.wipe();
      r.application.wipe();
    }
  }
}

function checkPolicy(p: RatchetPolicy): void {
  for (const [name, v] of Object.entries(p)) {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
      throw new UsageError(`ratchet policy ${name} must be a non-negative integer, got ${String(v)}`);
    }
  }
}
