import { encodeAppendRequest } from "./append-request.js";
import type { EntrySource } from "./entries.js";
import { frameMessage } from "./h2-unary.js";

/**
 * Framed Append requests (gRPC Length-Prefixed-Message around an AppendRequest) of `perCall`
 * distinct entries each, most of them built before the timed run starts: building entries and
 * encoding requests is the load generator's own work, and on a 2-core machine every µs it spends
 * during the run is taken from the server. `prebuilt` requests are made up front; if the run
 * outpaces them, further ones are built on demand and counted in `builtLive`.
 */
export class RequestSource {
  private readonly ready: Buffer[] = [];
  private taken = 0;
  builtLive = 0;

  constructor(
    private readonly entries: EntrySource,
    private readonly perCall: number,
    private readonly runProof: boolean,
    prebuilt: number,
  ) {
    for (let i = 0; i < prebuilt; i++) this.ready.push(this.build());
  }

  /** The next request, never one handed out before. */
  next(): Buffer {
    const request = this.ready[this.taken];
    if (request === undefined) {
      this.builtLive++;
      return this.build();
    }
    // Dropped here, so the request's memory goes once its call is done.
    this.ready[this.taken++] = EMPTY;
    return request;
  }

  private build(): Buffer {
    return frameMessage(encodeAppendRequest(this.entries.take(this.perCall), this.runProof));
  }
}

const EMPTY = Buffer.alloc(0);
