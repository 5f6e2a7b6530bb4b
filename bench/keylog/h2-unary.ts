/**
 * A bare gRPC-over-HTTP/2 unary caller for the load generator, on node:http2 directly. The server
 * under test is the real grpc-js service; only the load side skips grpc-js's client stack
 * (channels, resolvers, interceptors, call objects), which cost about as much CPU per call as the
 * server spends, on the same two cores.
 *
 * gRPC over HTTP/2 (grpc/grpc PROTOCOL-HTTP2.md): a POST to /<service>/<method> with
 * `content-type: application/grpc` and `te: trailers`; the body is one Length-Prefixed-Message
 * (a compressed flag byte, a big-endian uint32 length, the message); the status arrives as the
 * `grpc-status` trailer, or in the headers of a Trailers-Only response.
 */
import {
  connect,
  constants,
  type ClientHttp2Session,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from "node:http2";

/** A call that ended with a non-OK gRPC status, or a malformed response. */
export class UnaryCallError extends Error {
  override readonly name = "UnaryCallError";
}

const PREFIX = 5;

function status(headers: IncomingHttpHeaders): { code: number; message: string } | undefined {
  const code = headers["grpc-status"];
  if (code === undefined) return undefined;
  const message = headers["grpc-message"];
  return { code: Number(code), message: typeof message === "string" ? decodeURIComponent(message) : "" };
}

function unframe(chunks: readonly Buffer[]): Buffer {
  const body = chunks.length === 1 ? (chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(chunks);
  if (body.length < PREFIX || body[0] !== 0)
    throw new UnaryCallError("response is not one uncompressed message");
  const length = body.readUInt32BE(1);
  if (body.length !== PREFIX + length) {
    throw new UnaryCallError(`response frame says ${length} bytes, carries ${body.length - PREFIX}`);
  }
  return body.subarray(PREFIX);
}

/**
 * One gRPC Length-Prefixed-Message (uncompressed) holding `message`, built once so that a call
 * is a single write of ready bytes.
 */
export function frameMessage(message: Uint8Array): Buffer {
  const framed = Buffer.allocUnsafe(PREFIX + message.length);
  framed[0] = 0;
  framed.writeUInt32BE(message.length, 1);
  framed.set(message, PREFIX);
  return framed;
}

/** The request message inside a frame made by `frameMessage`. */
export function unframedMessage(framed: Buffer): Buffer {
  return framed.subarray(PREFIX);
}

export class H2UnaryChannel {
  private readonly session: ClientHttp2Session;
  /** Request headers of one method, built once (node:http2 copies them per request). */
  private readonly requestHeaders: OutgoingHttpHeaders;

  /** `windowBytes`: the HTTP/2 receive window (RFC 9113 §6.9.2) for the connection and each stream. */
  constructor(address: string, path: string, headers: Readonly<Record<string, string>>, windowBytes: number) {
    this.session = connect(`http://${address}`, { settings: { initialWindowSize: windowBytes } });
    this.session.on("connect", () => this.session.setLocalWindowSize(windowBytes));
    this.session.on("error", () => {});
    this.requestHeaders = {
      [constants.HTTP2_HEADER_METHOD]: "POST",
      [constants.HTTP2_HEADER_PATH]: path,
      [constants.HTTP2_HEADER_CONTENT_TYPE]: "application/grpc",
      [constants.HTTP2_HEADER_TE]: "trailers",
      ...headers,
    };
  }

  /** Sends one framed request (`frameMessage`); resolves with the response message bytes if the status is OK. */
  call(framed: Uint8Array): Promise<Buffer> {
    const stream = this.session.request(this.requestHeaders);
    stream.end(framed);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let ended: { code: number; message: string } | undefined;
      stream.on("response", (h) => (ended ??= status(h)));
      stream.on("trailers", (t: IncomingHttpHeaders) => (ended ??= status(t)));
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", reject);
      stream.on("end", () => {
        if (ended === undefined) return reject(new UnaryCallError("call ended without a grpc-status"));
        if (ended.code !== 0)
          return reject(new UnaryCallError(`grpc-status ${ended.code}: ${ended.message}`));
        try {
          resolve(unframe(chunks));
        } catch (err) {
          reject(err instanceof Error ? err : new UnaryCallError(String(err)));
        }
      });
    });
  }

  close(): void {
    this.session.close();
  }
}
