/**
 * The RFC 9420 §10 / §10.1 KeyPackage validation rules (with the §7.2/§7.3 leaf rules that apply to a
 * KeyPackage's leaf), each raised as a `ValidationError` with this id and section and each with a negative test
 * in `test/key-package*.test.ts`. Extension and credential rules are `EXT-*` and `CRED-*`.
 */
export const KeyPackageRule = {
  /** §10.1, §6: the version is mls10, the version of the group and of the carrying MLSMessage. */
  version: { id: "KP-1", section: "§10.1" },
  /** §10.1: the cipher suite is one this library implements and, when validating for a group, the group's. */
  cipherSuite: { id: "KP-2", section: "§10.1" },
  /** §10, §7.3: leaf_node.leaf_node_source is key_package. */
  leafNodeSource: { id: "KP-3", section: "§10" },
  /** §7.2, §10: leaf_node.capabilities lists the KeyPackage's own protocol version and cipher suite. */
  ownCapabilities: { id: "KP-4", section: "§10" },
  /** §10: "Extensions included in the extensions … fields MUST be included in the leaf_node.capabilities field." */
  extensionsInCapabilities: { id: "KP-5", section: "§10" },
  /** §10: init_key and leaf_node.encryption_key are public keys of the suite's HPKE KEM (length, point form). */
  hpkeKeys: { id: "KP-6", section: "§10" },
  /** §10.1: leaf_node.encryption_key differs from init_key. */
  distinctKeys: { id: "KP-7", section: "§10.1" },
  /** §7.2: not_before ≤ not_after and the total lifetime is within the application's maximum. */
  lifetimeRange: { id: "KP-8", section: "§7.2" },
  /** §7.3: the current time is within the lifetime (allowing the configured clock skew). */
  lifetimeCurrent: { id: "KP-9", section: "§7.3" },
  /** §7.3: the leaf's signature verifies with signature_key over LeafNodeTBS (key_package source). */
  leafSignature: { id: "KP-10", section: "§7.3" },
  /** §10, §10.1: the KeyPackage signature verifies with leaf_node.signature_key over KeyPackageTBS. */
  signature: { id: "KP-11", section: "§10.1" },
  /** §6, §10: an MLSMessage presented as a KeyPackage has wire format mls_key_package. */
  wireFormat: { id: "KP-12", section: "§6" },
} as const;

export type Rule = { readonly id: string; readonly section: string };
