/**
 * Loads OpenMLS (the `openmls-wasm` package: OpenMLS's own wasm-bindgen binding, published by the OpenMLS
 * authors) in Node. The package targets bundlers (`import * as wasm from "….wasm"`), which Node 20 cannot
 * import, so this instantiates its WebAssembly module by hand against the package's JS glue, once per process.
 *
 * The binding is small: create a group, add a member it made the KeyPackage for (proposal, commit and
 * Welcome bytes come out), join from a Welcome with an opaque tree, send and receive application messages,
 * export secrets. KeyPackages and trees never leave it as bytes, so Parley cannot join its groups or add
 * its members; what can be checked across the two is the wire format (see test/openmls-wire.test.ts).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** The part of the binding's API the wire test uses (the package's own .d.ts, narrowed). */
export interface OpenMls {
  readonly Provider: new () => OpenMlsProvider;
  readonly Identity: new (provider: OpenMlsProvider, name: string) => OpenMlsIdentity;
  readonly Group: {
    create_new(provider: OpenMlsProvider, founder: OpenMlsIdentity, groupId: string): OpenMlsGroup;
    join(provider: OpenMlsProvider, welcome: Uint8Array, tree: OpenMlsRatchetTree): OpenMlsGroup;
  };
}
export type OpenMlsProvider = object;
export type OpenMlsRatchetTree = object;
export type OpenMlsKeyPackage = object;
export interface OpenMlsIdentity {
  key_package(provider: OpenMlsProvider): OpenMlsKeyPackage;
}
export interface OpenMlsAddMessages {
  readonly proposal: Uint8Array;
  readonly commit: Uint8Array;
  readonly welcome: Uint8Array;
}
export interface OpenMlsGroup {
  export_ratchet_tree(): OpenMlsRatchetTree;
  propose_and_commit_add(
    provider: OpenMlsProvider,
    sender: OpenMlsIdentity,
    member: OpenMlsKeyPackage,
  ): OpenMlsAddMessages;
  merge_pending_commit(provider: OpenMlsProvider): void;
  create_message(provider: OpenMlsProvider, sender: OpenMlsIdentity, message: Uint8Array): Uint8Array;
  process_message(provider: OpenMlsProvider, message: Uint8Array): Uint8Array;
  export_key(provider: OpenMlsProvider, label: string, context: Uint8Array, length: number): Uint8Array;
}

type WasmExports = Record<string, unknown>;

interface Glue extends OpenMls {
  __wbg_set_wasm(exports: WasmExports): void;
}

/** The one WebAssembly call needed (the TypeScript setup here has no WebAssembly lib types). */
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: WasmExports } }>;
}

let loaded: Promise<OpenMls> | undefined;

async function instantiate(): Promise<OpenMls> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve("openmls-wasm/package.json"));
  const glue = (await import(pathToFileURL(join(dir, "openmls_wasm_bg.js")).href)) as Glue;
  const bytes = await readFile(join(dir, "openmls_wasm_bg.wasm"));
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { instance } = await wasm.instantiate(bytes, { "./openmls_wasm_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  const start = instance.exports["__wbindgen_start"];
  if (typeof start === "function") (start as () => void)();
  return glue;
}

/** The OpenMLS binding, instantiated on first use. */
export function loadOpenMls(): Promise<OpenMls> {
  loaded ??= instantiate();
  return loaded;
}
