/**
 * The first check on any incoming framed message: it must name this group and this epoch, otherwise the
 * keys of the current epoch are the wrong ones to try (RFC 9420 §6; §12.4.2 for Commits).
 */
import { bytesEqual } from "@parley/codec";
import type { GroupContext } from "../codec/index.js";
import { ValidationError } from "../errors.js";
import { FramingRule } from "./rules.js";

export function checkGroupAndEpoch(groupContext: GroupContext, groupId: Uint8Array, epoch: bigint): void {
  if (!bytesEqual(groupId, groupContext.groupId)) {
    const rule = FramingRule.groupId;
    throw new ValidationError(rule.id, rule.section, "the message names a different group_id");
  }
  if (epoch !== groupContext.epoch) {
    const rule = FramingRule.epoch;
    throw new ValidationError(
      rule.id,
      rule.section,
      `the message is for epoch ${epoch}, the group is at epoch ${groupContext.epoch}`,
    );
  }
}
