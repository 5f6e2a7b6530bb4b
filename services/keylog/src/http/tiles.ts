import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { parseTilePath, TileError, TILE_WIDTH, type ParsedTilePath } from "@parley/tlog";
import type { KeylogContext } from "../context.js";
import { HASH_SIZE, tileWidthAt } from "../store/tile-layout.js";

/** Full tiles and bundles never change (tlog-tiles: "This endpoint is immutable"). */
const IMMUTABLE = "public, max-age=31536000, immutable";
/**
 * A partial tile's bytes never change either, but logs MAY delete it once the full tile exists
 * (tlog-tiles "Partial Tiles"), so caches should not keep it long.
 */
const PARTIAL = "public, max-age=60";
/** tlog-tiles "Checkpoints": headers SHOULD prevent caching beyond a few seconds. */
const CHECKPOINT = "no-cache";
const OCTETS = "application/octet-stream";

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Uint8Array | string,
): void {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, { ...headers, "content-length": String(bytes.length) });
  res.end(req.method === "HEAD" ? undefined : bytes);
}

function text(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  send(
    req,
    res,
    status,
    { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    `${message}\n`,
  );
}

/** Base hashes of tile (level, index) at the requested width, or undefined if the signed tree lacks them. */
function hashTile(k: KeylogContext, p: ParsedTilePath & { kind: "hash" }): Uint8Array | undefined {
  const available = tileWidthAt(k.sequencer.latest.size, p.level, p.index);
  // A request for width W is served when the signed tree holds at least W hashes of that tile:
  // a narrower partial tile is a prefix of the current one, and .p/W for a now-full tile is the
  // same prefix of the full tile.
  if (available === 0 || p.width > available) return undefined;
  const tile = k.store.tiles.readSync(p.level, p.index);
  if (tile === undefined || tile.length < p.width * HASH_SIZE) return undefined;
  return tile.subarray(0, p.width * HASH_SIZE);
}

async function entryBundle(
  k: KeylogContext,
  p: ParsedTilePath & { kind: "entries" },
): Promise<Uint8Array | undefined> {
  const available = tileWidthAt(k.sequencer.latest.size, 0, p.index);
  if (available === 0 || p.width > available) return undefined;
  // Stored bundles have the served form; a stored one wider than the signed tree is cut to it.
  return k.store.readBundle(p.index, p.width);
}

async function serveTile(
  k: KeylogContext,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let p: ParsedTilePath;
  try {
    p = parseTilePath(path.slice(1));
  } catch (err) {
    if (err instanceof TileError) return text(req, res, 400, err.message);
    throw err;
  }
  const body = p.kind === "hash" ? hashTile(k, p) : await entryBundle(k, p);
  if (body === undefined) return text(req, res, 404, `${path} is not in the signed tree`);
  const headers: Record<string, string> = {
    "content-type": OCTETS,
    "cache-control": p.width === TILE_WIDTH ? IMMUTABLE : PARTIAL,
  };
  // tlog-tiles "Log entries": bundles SHOULD be compressed at the HTTP layer.
  if (p.kind === "entries") {
    headers["vary"] = "accept-encoding";
    if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      headers["content-encoding"] = "gzip";
      return send(req, res, 200, headers, gzipSync(body));
    }
  }
  send(req, res, 200, headers, body);
}

/**
 * C2SP tlog-tiles read path on the kit's HTTP port: `/checkpoint`, `/tile/<L>/<N>[.p/<W>]`,
 * `/tile/entries/<N>[.p/<W>]`. Only what the latest signed checkpoint covers is served, so the
 * tiles always agree with a checkpoint a client can verify. Returns false for other paths.
 */
export function tileRoutes(
  k: KeylogContext,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path !== "/checkpoint" && !path.startsWith("/tile/")) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      text(req, res, 405, `${req.method ?? "?"} is not allowed`);
      return true;
    }
    if (path === "/checkpoint") {
      const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": CHECKPOINT };
      send(req, res, 200, headers, k.sequencer.latest.note);
      return true;
    }
    await serveTile(k, path, req, res);
    return true;
  };
}
