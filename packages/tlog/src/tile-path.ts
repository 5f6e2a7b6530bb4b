/**
 * c2sp.org/tlog-tiles resource paths: `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`,
 * without a leading slash so they can be joined to any URL prefix or storage root.
 */
import { TileError } from "./errors.js";
import { assertIndex } from "./tree-math.js";

/** Tiles are subtrees of height 8: 256 hashes wide. */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

export type ParsedTilePath =
  | { kind: "hash"; level: number; index: number; width: number }
  | { kind: "entries"; index: number; width: number };

/** `<N>` as zero-padded 3-digit elements, all but the last prefixed with `x` (1234067 → x001/x234/067). */
function encodeIndex(index: number): string {
  assertIndex("tile index", index);
  let rest = Math.floor(index / 1000);
  let out = String(index % 1000).padStart(3, "0");
  while (rest > 0) {
    out = `x${String(rest % 1000).padStart(3, "0")}/${out}`;
    rest = Math.floor(rest / 1000);
  }
  return out;
}

function widthSuffix(width: number | undefined): string {
  if (width === undefined || width === TILE_WIDTH) return "";
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw new TileError(`tile width must be 1..${TILE_WIDTH}, got ${String(width)}`);
  }
  return `.p/${width}`;
}

/** Path of the tile at `level` (0..63), `index`; a width of 256 or none means a full tile. */
export function tilePath(level: number, index: number, width?: number): string {
  if (!Number.isInteger(level) || level < 0 || level > 63)
    throw new TileError(`tile level must be 0..63, got ${level}`);
  return `tile/${level}/${encodeIndex(index)}${widthSuffix(width)}`;
}

/** Path of the entry bundle `index`; a width of 256 or none means a full bundle. */
export function entriesPath(index: number, width?: number): string {
  return `tile/entries/${encodeIndex(index)}${widthSuffix(width)}`;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** Parses a tile or bundle path, rejecting every non-canonical spelling. */
export function parseTilePath(path: string): ParsedTilePath {
  const fail = (why: string): never => {
    throw new TileError(`malformed tile path ${JSON.stringify(path)}: ${why}`);
  };
  const parts = path.split("/");
  if (parts[0] !== "tile" || parts.length < 3) return fail("expected tile/<L>/<N> or tile/entries/<N>");
  const head = parts[1] ?? "";
  let elements = parts.slice(2);
  let width = TILE_WIDTH;
  const last = elements[elements.length - 1] ?? "";
  const beforeLast = elements[elements.length - 2] ?? "";
  if (beforeLast.endsWith(".p")) {
    // tlog-tiles: <W> is 1..255 with no leading zeroes.
    if (!DECIMAL.test(last) || Number(last) < 1 || Number(last) >= TILE_WIDTH)
      fail(`partial width ${last} is not 1..255`);
    width = Number(last);
    elements = [...elements.slice(0, -2), beforeLast.slice(0, -2)];
  }
  const index = parseIndex(elements, fail);
  if (head === "entries") return { kind: "entries", index, width };
  // tlog-tiles: <L> is a decimal 0..63 with no leading zeroes.
  if (!DECIMAL.test(head) || Number(head) > 63) return fail(`level ${head} is not 0..63`);
  return { kind: "hash", level: Number(head), index, width };
}

function parseIndex(elements: readonly string[], fail: (why: string) => never): number {
  let index = 0;
  for (const [i, element] of elements.entries()) {
    const isLast = i === elements.length - 1;
    const digits = isLast
      ? element
      : element.startsWith("x")
        ? element.slice(1)
        : fail(`element ${element} lacks the x prefix`);
    if (!/^[0-9]{3}$/.test(digits)) fail(`index element ${element} is not 3 digits`);
    if (i === 0 && !isLast && digits === "000") fail("index has a leading zero element");
    index = index * 1000 + Number(digits);
  }
  if (!Number.isSafeInteger(index)) fail("index is too large");
  return index;
}
