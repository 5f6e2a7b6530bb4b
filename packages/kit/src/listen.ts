/** Binding helpers shared by the HTTP and admin ports. */
import type { Server as NetServer, Socket } from "node:net";

/** Splits a validated `host:port` / `[v6]:port` into parts for `listen()`. */
export function splitAddress(addr: string): { host: string; port: number } {
  const i = addr.lastIndexOf(":");
  const host = addr.slice(0, i).replace(/^\[(.*)\]$/, "$1");
  return { host, port: Number(addr.slice(i + 1)) };
}

/** Formats a bound host and port back into `host:port`, bracketing IPv6 literals. */
export function joinAddress(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A listening server plus the sockets it holds, so shutdown can end idle keep-alive connections. */
export interface Listening {
  readonly address: string;
  readonly sockets: Set<Socket>;
}

/** Listens on `addr` and resolves with the address actually bound (port 0 → the chosen port). */
export function listen(server: NetServer, addr: string): Promise<Listening> {
  const { host, port } = splitAddress(addr);
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const a = server.address();
      const bound = a !== null && typeof a === "object" ? a.port : port;
      resolve({ address: joinAddress(host, bound), sockets });
    });
  });
}

/** Stops accepting and resolves once the server has closed (after its connections are gone). */
export function closeServer(server: NetServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
