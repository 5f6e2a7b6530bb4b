/** {@link CallContext} over a grpc-js server call. */
import type {
  ServerDuplexStream,
  ServerReadableStream,
  ServerUnaryCall,
  ServerWritableStream,
} from "@grpc/grpc-js";
import type { EventEmitter } from "node:events";
import type { PeerCertificate, Protocol } from "./call-context.js";
import { toPeerCertificate } from "./call-context.js";
import { BaseCallContext, type MethodRuntime } from "./call-runtime.js";

/** Any grpc-js server call; the kit only uses what all four kinds share. */
export type GrpcCall =
  | ServerUnaryCall<unknown, unknown>
  | ServerReadableStream<unknown, unknown>
  | ServerWritableStream<unknown, unknown>
  | ServerDuplexStream<unknown, unknown>;

export class GrpcCallContext extends BaseCallContext {
  readonly protocol: Protocol = "grpc";

  constructor(
    rt: MethodRuntime,
    readonly call: GrpcCall,
  ) {
    super(rt);
  }

  get peer(): string {
    return this.call.getPeer();
  }

  get peerCertificate(): PeerCertificate | undefined {
    // grpc-js only completes the handshake with a verified certificate when mTLS is required.
    return toPeerCertificate(this.call.getAuthContext().sslPeerCertificate?.raw);
  }

  header(name: string): string | undefined {
    const v = this.call.metadata.get(name)[0];
    return typeof v === "string" ? v : undefined;
  }

  protected clientDeadline(): number | undefined {
    const d = this.call.getDeadline();
    const ms = d instanceof Date ? d.getTime() : d;
    return Number.isFinite(ms) ? ms : undefined;
  }

  protected onTransportAbort(abort: () => void): () => void {
    if (this.call.cancelled) {
      abort();
      return () => undefined;
    }
    const events: EventEmitter = this.call;
    events.once("cancelled", abort);
    return () => events.off("cancelled", abort);
  }
}
