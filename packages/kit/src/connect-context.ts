/** {@link CallContext} over a Connect handler context (Connect, gRPC-Web or gRPC over the HTTP port). */
import { createContextKey, type HandlerContext } from "@connectrpc/connect";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { toPeerCertificate, type PeerCertificate, type Protocol } from "./call-context.js";
import { BaseCallContext, type MethodRuntime } from "./call-runtime.js";

/** The connection a Connect request arrived on, passed in through Connect's context values. */
export const kSocket = createContextKey<Socket | undefined>(undefined, { description: "parley.socket" });

function protocolOf(name: string): Protocol {
  return name === "grpc" || name === "grpc-web" ? name : "connect";
}

export class ConnectCallContext extends BaseCallContext {
  readonly protocol: Protocol;
  private readonly deadlineMs: number | undefined;

  constructor(
    rt: MethodRuntime,
    readonly hctx: HandlerContext,
  ) {
    super(rt);
    this.protocol = protocolOf(hctx.protocolName);
    const t = hctx.timeoutMs();
    this.deadlineMs = t === undefined ? undefined : Date.now() + t;
  }

  private get socket(): Socket | undefined {
    return this.hctx.values.get(kSocket);
  }

  get peer(): string {
    const s = this.socket;
    return s?.remoteAddress === undefined ? "unknown" : `${s.remoteAddress}:${s.remotePort ?? 0}`;
  }

  get peerCertificate(): PeerCertificate | undefined {
    // HTTP/2 hands out a Proxy for the TLS socket, so `instanceof TLSSocket` fails: check the shape instead.
    const s = this.socket as Partial<TLSSocket> | undefined;
    // Only a certificate that verified against the client CA counts; optional mTLS may let others connect.
    if (s?.authorized !== true || typeof s.getPeerCertificate !== "function") return undefined;
    return toPeerCertificate(s.getPeerCertificate(false).raw);
  }

  header(name: string): string | undefined {
    return this.hctx.requestHeader.get(name) ?? undefined;
  }

  protected clientDeadline(): number | undefined {
    return this.deadlineMs;
  }

  protected onTransportAbort(abort: () => void): () => void {
    const s = this.hctx.signal;
    if (s.aborted) {
      abort();
      return () => undefined;
    }
    s.addEventListener("abort", abort, { once: true });
    return () => s.removeEventListener("abort", abort);
  }
}
