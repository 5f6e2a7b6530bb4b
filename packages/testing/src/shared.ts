import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root, found from this file's location (packages/testing/src). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * The one setting for external reference data: `PARLEY_SHARED` (default `../shared` beside the
 * repository). Vectors and specs are read from there and never copied into the repo.
 */
export function sharedRoot(): string {
  const configured = process.env["PARLEY_SHARED"];
  if (configured === undefined || configured === "") return resolve(REPO_ROOT, "..", "shared");
  return isAbsolute(configured) ? configured : resolve(REPO_ROOT, configured);
}

export function sharedPath(...parts: string[]): string {
  return join(sharedRoot(), ...parts);
}

/** True when running under CI, where a missing vector file must fail the run. */
export function underCI(): boolean {
  const ci = process.env["CI"];
  return ci !== undefined && ci !== "" && ci !== "false" && ci !== "0";
}

export class MissingVectorError extends Error {
  override readonly name = "MissingVectorError";
}

/**
 * Locates a file under the shared folder. Returns its path, or — outside CI — `undefined` after
 * printing a clear notice so the caller can skip. Under CI a missing file throws.
 */
export function findShared(...parts: string[]): string | undefined {
  const path = sharedPath(...parts);
  if (existsSync(path)) return path;
  const message = `reference file missing: ${path} (set PARLEY_SHARED to the folder holding vectors/ and specs/)`;
  if (underCI()) throw new MissingVectorError(message);
  process.stderr.write(`warning: ${message}; its tests are skipped\n`);
  return undefined;
}

/** Reads and parses a JSON file under the shared folder, or `undefined` as `findShared` does. */
export function readSharedJson(...parts: string[]): unknown {
  const path = findShared(...parts);
  return path === undefined ? undefined : (JSON.parse(readFileSync(path, "utf8")) as unknown);
}
