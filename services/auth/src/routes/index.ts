import { bindService, type ServiceBinding } from "@parley/kit";
import { AuthService } from "@parley/proto/parley/auth/v1/auth_pb";
import type { AuthContext } from "../context.js";
import { enrollRoute } from "./enroll.js";
import { listClientsRoute } from "./list-clients.js";
import { revokeClientRoute } from "./revoke-client.js";

/** The AuthService binding: one route file per RPC. */
export function authService(k: AuthContext): ServiceBinding {
  return bindService(AuthService, {
    enroll: enrollRoute(k),
    listClients: listClientsRoute(k),
    revokeClient: revokeClientRoute(k),
    getIssuerKeys: () => ({ keys: [{ keyId: k.issuer.keyId, publicKey: k.issuer.publicKey }] }),
  });
}
