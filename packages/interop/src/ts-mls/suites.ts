/**
 * Cipher suites as the contract numbers them (RFC 9420 §17.1 registry values) mapped onto ts-mls's names and
 * implementations. Which suites work depends on the optional peer packages installed next to ts-mls, so the
 * list is found by loading each one once rather than written down.
 */
import {
  ciphersuites,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  type CiphersuiteImpl,
  type CiphersuiteName,
} from "ts-mls";
import { badRequest } from "./errors.js";

const NAMES = new Map<number, CiphersuiteName>(
  (Object.keys(ciphersuites) as CiphersuiteName[]).map((name) => [ciphersuites[name], name]),
);
const impls = new Map<CiphersuiteName, Promise<CiphersuiteImpl>>();

/** ts-mls's name for the registry value `id`, or an INVALID_ARGUMENT naming the RPC. */
export function suiteName(rpc: string, id: number): CiphersuiteName {
  const name = NAMES.get(id);
  if (name === undefined) throw badRequest(rpc, `cipher suite ${id} is not one ts-mls knows`);
  return name;
}

/** The registry value of a ts-mls suite name. */
export function suiteId(name: CiphersuiteName): number {
  return ciphersuites[name];
}

/** The (cached) implementation of `name`; rejects when its optional dependency is not installed. */
export function suiteImpl(name: CiphersuiteName): Promise<CiphersuiteImpl> {
  let impl = impls.get(name);
  if (impl === undefined) {
    impl = getCiphersuiteImpl(getCiphersuiteFromName(name));
    impls.set(name, impl);
    // A failed load must not poison the cache for a later retry.
    impl.catch(() => impls.delete(name));
  }
  return impl;
}

/** Registry values of every suite whose implementation loads in this process. */
export async function loadableSuites(): Promise<number[]> {
  const ids: number[] = [];
  for (const [id, name] of NAMES) {
    try {
      await suiteImpl(name);
      ids.push(id);
    } catch {
      // Not installed (ts-mls throws DependencyError): simply not supported here.
    }
  }
  return ids;
}
