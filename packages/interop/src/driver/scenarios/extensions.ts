/**
 * GroupContextExtensions (RFC 9420 §12.1.7): replacing the group's extensions, by reference and by value.
 */
import { Writer } from "@parley/codec";
import { invoke } from "../errors.js";
import type { Scenario } from "../scenario.js";
import { ascii, startGroup } from "../setup.js";

/** RFC 9420 §17.3: extension type of `required_capabilities`. */
const REQUIRED_CAPABILITIES = 3;

/**
 * RFC 9420 §11.1 `RequiredCapabilities { ExtensionType extension_types<V>; ProposalType proposal_types<V>;
 * CredentialType credential_types<V>; }`, here requiring only the given credential types — something every
 * member must check against its leaf's capabilities before accepting the commit (§12.1.7).
 */
function requiredCredentials(...credentialTypes: number[]): {
  extensionType: number;
  extensionData: Uint8Array;
} {
  const w = new Writer();
  w.vector<number>([], (x, v) => x.u16(v));
  w.vector<number>([], (x, v) => x.u16(v));
  w.vector(credentialTypes, (x, v) => x.u16(v));
  return { extensionType: REQUIRED_CAPABILITIES, extensionData: w.finish() };
}

/** RFC 9420 §5.3: credential type `basic`. */
const BASIC = 1;

export const groupContextExtensions: Scenario = {
  name: "group-context-extensions",
  summary:
    "bob proposes required_capabilities (basic credentials); alice commits it; then alice clears it by value",
  roles: ["alice", "bob", "carol"],
  async run(ctx) {
    const group = await startGroup(ctx, this.roles);
    const bob = group.member("bob");
    ctx.step("bob proposes GroupContextExtensions");
    const { proposal } = await invoke(bob.endpoint, "GroupContextExtensionsProposal", (c, o) =>
      c.groupContextExtensionsProposal({ stateId: bob.stateId, extensions: [requiredCredentials(BASIC)] }, o),
    );
    ctx.step("alice commits it by reference");
    await group.commit(group.member("alice"), { byReference: [proposal] });
    ctx.step("alice commits GroupContextExtensions by value");
    await group.commit(group.member("alice"), {
      byValue: [{ proposalType: ascii("groupContextExtensions"), extensions: [requiredCredentials()] }],
    });
    await group.exchange("after extensions");
    await group.free();
  },
};
