/**
 * Every scenario the driver knows, in the order it runs them.
 */
import type { Scenario } from "./scenario.js";
import {
  addByReference,
  removeByReference,
  removeByValue,
  updateCommit,
  updateProposal,
} from "./scenarios/commits.js";
import {
  externalJoin,
  externalJoinExternalTree,
  externalJoinResync,
  externalSignerProposals,
  newMemberProposal,
} from "./scenarios/external.js";
import { groupContextExtensions } from "./scenarios/extensions.js";
import { forcedPathAdd, welcomeJoin, welcomeJoinExternalTree } from "./scenarios/join.js";
import { applicationMessages } from "./scenarios/messages.js";
import { externalPsk, resumptionPsk } from "./scenarios/psk.js";
import { branch, reinit } from "./scenarios/resumption.js";

export const SCENARIOS: readonly Scenario[] = [
  welcomeJoin,
  welcomeJoinExternalTree,
  forcedPathAdd,
  addByReference,
  updateCommit,
  updateProposal,
  removeByValue,
  removeByReference,
  applicationMessages,
  externalJoin,
  externalJoinExternalTree,
  externalJoinResync,
  newMemberProposal,
  externalSignerProposals,
  externalPsk,
  resumptionPsk,
  groupContextExtensions,
  reinit,
  branch,
];
