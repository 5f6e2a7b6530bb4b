/**
 * A group member as the driver sees it: which endpoint holds it, under which state id, and the epoch
 * authenticator (RFC 9420 §8.7) the endpoint last reported for it.
 */
import type { Endpoint } from "./endpoint.js";
import { invoke } from "./errors.js";
import type { ScenarioContext } from "./scenario.js";

export interface Member {
  readonly name: string;
  readonly identity: Uint8Array;
  readonly endpoint: Endpoint;
  stateId: number;
  /** What the endpoint returned with the last join/commit; undefined until one did. */
  authenticator: Uint8Array | undefined;
}

/** A client that published a key package and waits for a Welcome. */
export interface Joiner {
  readonly name: string;
  readonly identity: Uint8Array;
  readonly endpoint: Endpoint;
  readonly transactionId: number;
  /** The KeyPackage as an MLSMessage. */
  readonly keyPackage: Uint8Array;
}

export function identityOf(ctx: ScenarioContext, name: string): Uint8Array {
  return ctx.unique(name);
}

export async function createGroupAs(ctx: ScenarioContext, role: number, name: string): Promise<Member> {
  const endpoint = ctx.endpointFor(role);
  const identity = identityOf(ctx, name);
  const { stateId } = await invoke(endpoint, "CreateGroup", (c, o) =>
    c.createGroup(
      { groupId: ctx.unique("group"), cipherSuite: ctx.suite, encryptHandshake: ctx.encrypt, identity },
      o,
    ),
  );
  return { name, identity, endpoint, stateId, authenticator: undefined };
}

export async function keyPackageFor(ctx: ScenarioContext, role: number, name: string): Promise<Joiner> {
  const endpoint = ctx.endpointFor(role);
  const identity = identityOf(ctx, name);
  const res = await invoke(endpoint, "CreateKeyPackage", (c, o) =>
    c.createKeyPackage({ cipherSuite: ctx.suite, identity }, o),
  );
  return { name, identity, endpoint, transactionId: res.transactionId, keyPackage: res.keyPackage };
}

/** RFC 9420 §12.4.3.1: joins from a Welcome; `ratchetTree` empty when the tree is in the GroupInfo. */
export async function joinFromWelcome(
  ctx: ScenarioContext,
  joiner: Joiner,
  welcome: Uint8Array,
  ratchetTree: Uint8Array,
): Promise<Member> {
  const res = await invoke(joiner.endpoint, "JoinGroup", (c, o) =>
    c.joinGroup(
      {
        transactionId: joiner.transactionId,
        welcome,
        encryptHandshake: ctx.encrypt,
        identity: joiner.identity,
        ratchetTree,
      },
      o,
    ),
  );
  return {
    name: joiner.name,
    identity: joiner.identity,
    endpoint: joiner.endpoint,
    stateId: res.stateId,
    authenticator: res.epochAuthenticator,
  };
}
