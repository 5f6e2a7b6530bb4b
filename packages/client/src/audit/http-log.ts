/** Fetching a log's c2sp.org/tlog-tiles resources over HTTP. */
import { type TileReader, entriesPath, tilePath } from "@parley/tlog";
import { stop } from "./report.js";

export type Fetch = typeof globalThis.fetch;

export class HttpLog implements TileReader {
  readonly #base: string;
  constructor(
    baseUrl: string,
    readonly fetch: Fetch,
  ) {
    this.#base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  }

  async #get(path: string): Promise<Uint8Array> {
    const url = new URL(path, this.#base).toString();
    let response: Response;
    try {
      response = await this.fetch(url, { headers: { "accept-encoding": "gzip, identity" } });
    } catch (e) {
      return stop("fetch-failed", `GET ${url} failed: ${(e as Error).message}`);
    }
    if (response.status !== 200) return stop("fetch-failed", `GET ${url} returned HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  async checkpoint(): Promise<string> {
    const bytes = await this.#get("checkpoint");
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return stop("malformed-checkpoint", "checkpoint is not valid UTF-8");
    }
  }

  readTile(level: number, index: number, width: number): Promise<Uint8Array> {
    return this.#get(tilePath(level, index, width));
  }

  readEntries(index: number, width: number): Promise<Uint8Array> {
    return this.#get(entriesPath(index, width));
  }
}
