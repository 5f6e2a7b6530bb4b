/**
 * The extension and capabilities rules of RFC 9420 (§7.2, §7.3, §11.1, §13.4, §17.3), shared by KeyPackage,
 * LeafNode, GroupContext and GroupInfo validation. Each is raised as a `ValidationError` with this id and
 * section and has a negative test in `test/extensions*.test.ts`. Ids are stable; match on them, never on text.
 */
export const ExtensionRule = {
  /** §13.4: a list of extensions has at most one extension of any given type. */
  unique: { id: "EXT-1", section: "§13.4" },
  /** §17.3: an extension type defined by RFC 9420 (or draft-ietf-mls-extensions) appears only where its registry entry allows. */
  placement: { id: "EXT-2", section: "§17.3" },
  /** §5.3.3, §11.1, §12.1.8.1, §12.4.3.2: the body of a known extension decodes exactly. */
  wellFormed: { id: "EXT-3", section: "§13.4" },
  /** §7.3, §11.1: a leaf's capabilities list every non-default extension/proposal and every credential type the group requires. */
  requiredCapabilities: { id: "EXT-4", section: "§11.1" },
  /** §7.2: the credential type a LeafNode uses is listed in its capabilities.credentials. */
  credentialInCapabilities: { id: "EXT-5", section: "§7.2" },
  /** §7.2, §7.3: every non-default extension type in LeafNode.extensions is listed in its capabilities.extensions. */
  leafExtensionsInCapabilities: { id: "EXT-6", section: "§7.3" },
  /** §13.4: a leaf's capabilities indicate support for every (non-default) extension in the GroupContext. */
  groupContextExtensionsSupported: { id: "EXT-7", section: "§13.4" },
} as const;
