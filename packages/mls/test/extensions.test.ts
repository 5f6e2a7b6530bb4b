import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CredentialType,
  ExtensionType,
  LeafNodeSource,
  encodeExtensionData,
  encodeRequiredCapabilities,
} from "../src/codec/index.js";
import type { Capabilities, Extension, LeafNodeData } from "../src/codec/index.js";
import { ValidationError } from "../src/errors.js";
import {
  LAST_RESORT_EXTENSION_TYPE,
  checkExtensionList,
  checkGroupContextExtensionsSupported,
  checkLeafNodeCapabilities,
  checkRequiredCapabilities,
  findExtension,
  missingRequiredCapability,
  supportsRequiredCapabilities,
} from "../src/extensions/index.js";
import type { ExtensionLocation } from "../src/extensions/index.js";

function rejects(fn: () => unknown, rule: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ValidationError && e.rule === rule);
}

const ext = (extensionType: number, extensionData: Uint8Array = new Uint8Array(0)): Extension => ({
  extensionType,
  extensionData,
});

const caps: Capabilities = {
  versions: [1],
  cipherSuites: [1, 0x2a2a],
  extensions: [0xf001, 0x3a3a],
  proposals: [0xf101],
  credentials: [CredentialType.basic, 0x4a4a],
};

const LOCATIONS: readonly ExtensionLocation[] = ["key_package", "leaf_node", "group_context", "group_info"];

test("EXT-1: duplicate extension types are rejected in every kind of list", () => {
  for (const where of LOCATIONS) {
    rejects(() => checkExtensionList([ext(0xf001), ext(0xf002), ext(0xf001)], where), "EXT-1");
    checkExtensionList([ext(0xf001), ext(0xf002)], where);
  }
});

test("EXT-2: each RFC 9420 extension (and last_resort) is accepted only where §17.3 places it", () => {
  const required = encodeExtensionData(
    { extensionTypes: [], proposalTypes: [], credentialTypes: [] },
    encodeRequiredCapabilities,
  );
  const home: readonly [number, ExtensionLocation, Uint8Array][] = [
    [ExtensionType.applicationId, "leaf_node", Uint8Array.of(0)],
    [ExtensionType.ratchetTree, "group_info", new Uint8Array(0)],
    [ExtensionType.requiredCapabilities, "group_context", required],
    [ExtensionType.externalPub, "group_info", Uint8Array.of(0)],
    [ExtensionType.externalSenders, "group_context", Uint8Array.of(0)],
    [LAST_RESORT_EXTENSION_TYPE, "key_package", new Uint8Array(0)],
  ];
  for (const [type, allowed, body] of home) {
    for (const where of LOCATIONS) {
      const check = () => checkExtensionList([ext(type, body)], where);
      if (where === allowed) check();
      else rejects(check, "EXT-2");
    }
  }
  for (const where of LOCATIONS) rejects(() => checkExtensionList([ext(0)], where), "EXT-2");
});

test("unknown and GREASE extension types pass the list rules anywhere (§13.4: ignored where unknown)", () => {
  for (const where of LOCATIONS) checkExtensionList([ext(0x0a0a, Uint8Array.of(1, 2)), ext(0xf123)], where);
});

test("EXT-3: a known extension whose body does not decode exactly is rejected", () => {
  rejects(
    () => checkExtensionList([ext(ExtensionType.applicationId, Uint8Array.of(3, 1))], "leaf_node"),
    "EXT-3",
  );
  rejects(
    () => checkExtensionList([ext(ExtensionType.applicationId, Uint8Array.of(0, 0))], "leaf_node"),
    "EXT-3",
  );
  rejects(
    () => checkExtensionList([ext(ExtensionType.requiredCapabilities, Uint8Array.of(1))], "group_context"),
    "EXT-3",
  );
  rejects(
    () => checkExtensionList([ext(ExtensionType.externalPub, new Uint8Array(0))], "group_info"),
    "EXT-3",
  );
  rejects(
    () => checkExtensionList([ext(ExtensionType.externalSenders, Uint8Array.of(2, 0))], "group_context"),
    "EXT-3",
  );
  rejects(
    () => checkExtensionList([ext(LAST_RESORT_EXTENSION_TYPE, Uint8Array.of(0))], "key_package"),
    "EXT-3",
  );
});

test("required capabilities: default extension/proposal types count as supported, credential types do not", () => {
  const defaultsOnly = {
    extensionTypes: [1, 2, 3, 4, 5],
    proposalTypes: [1, 2, 3, 4, 5, 6, 7],
    credentialTypes: [],
  };
  assert.ok(supportsRequiredCapabilities(caps, defaultsOnly));
  assert.ok(
    supportsRequiredCapabilities(caps, {
      extensionTypes: [0xf001],
      proposalTypes: [0xf101],
      credentialTypes: [1],
    }),
  );
  const cases = [
    [{ extensionTypes: [0xf002], proposalTypes: [], credentialTypes: [] }, "extension type 0xf002"],
    [{ extensionTypes: [], proposalTypes: [0xf102], credentialTypes: [] }, "proposal type 0xf102"],
    [
      { extensionTypes: [], proposalTypes: [], credentialTypes: [CredentialType.x509] },
      "credential type 0x0002",
    ],
  ] as const;
  for (const [required, missing] of cases) {
    assert.equal(supportsRequiredCapabilities(caps, required), false);
    assert.equal(missingRequiredCapability(caps, required), missing);
    rejects(() => checkRequiredCapabilities(caps, required), "EXT-4");
  }
});

test("EXT-7: every non-default GroupContext extension must be in the capabilities", () => {
  checkGroupContextExtensionsSupported(caps, [ext(ExtensionType.externalSenders), ext(0xf001)]);
  rejects(() => checkGroupContextExtensionsSupported(caps, [ext(0xf002)]), "EXT-7");
  rejects(() => checkGroupContextExtensionsSupported(caps, [ext(0x5a5a)]), "EXT-7");
});

function leaf(overrides: Partial<Pick<LeafNodeData, "credential" | "extensions">>): LeafNodeData {
  return {
    encryptionKey: new Uint8Array(32),
    signatureKey: new Uint8Array(32),
    credential: { credentialType: CredentialType.basic, identity: Uint8Array.of(1) },
    capabilities: caps,
    leafNodeSource: LeafNodeSource.update,
    extensions: [],
    ...overrides,
  };
}

test("EXT-5 / EXT-6: a leaf's credential type and non-default extensions must be in its own capabilities", () => {
  checkLeafNodeCapabilities(
    leaf({ extensions: [ext(ExtensionType.applicationId, Uint8Array.of(0)), ext(0xf001)] }),
  );
  rejects(
    () =>
      checkLeafNodeCapabilities(
        leaf({ credential: { credentialType: CredentialType.x509, certificates: [] } }),
      ),
    "EXT-5",
  );
  rejects(
    () =>
      checkLeafNodeCapabilities(
        leaf({ credential: { credentialType: 0xf200, credentialData: new Uint8Array(0) } }),
      ),
    "EXT-5",
  );
  rejects(() => checkLeafNodeCapabilities(leaf({ extensions: [ext(0xf002)] })), "EXT-6");
});

test("findExtension returns the extension of a type or undefined", () => {
  const list = [ext(0xf001, Uint8Array.of(1)), ext(0xf002, Uint8Array.of(2))];
  assert.deepEqual(findExtension(list, 0xf002), list[1]);
  assert.equal(findExtension(list, 0xf003), undefined);
});
