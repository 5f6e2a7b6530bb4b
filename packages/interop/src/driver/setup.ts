/**
 * The opening every scenario shares: the first role creates a group and adds the others by value in one
 * commit, so each scenario starts from an agreed epoch 1.
 */
import { TestGroup } from "./group.js";
import { createGroupAs, keyPackageFor, type Joiner } from "./member.js";
import type { ScenarioContext } from "./scenario.js";

/** Roles are numbered by their position in `names`; names[0] creates the group. */
export async function startGroup(
  ctx: ScenarioContext,
  names: readonly string[],
  externalTree = false,
): Promise<TestGroup> {
  const [creator, ...rest] = names;
  if (creator === undefined) throw new TypeError("startGroup needs at least one member");
  ctx.step(`${creator} creates the group`);
  const first = await createGroupAs(ctx, 0, creator);
  const group = new TestGroup(ctx, [first]);
  if (rest.length === 0) return group;
  const joiners: Joiner[] = [];
  for (const [i, name] of rest.entries()) joiners.push(await keyPackageFor(ctx, i + 1, name));
  ctx.step(`${creator} adds ${rest.join(", ")} by value`);
  await group.commit(first, {
    byValue: joiners.map((j) => ({ proposalType: ascii("add"), keyPackage: j.keyPackage })),
    joiners,
    externalTree,
  });
  return group;
}

/** The contract spells proposal types as ASCII bytes ("add", "remove", …). */
export function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
