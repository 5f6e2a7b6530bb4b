/**
 * A group under test: its current members and the moves every scenario is built from — commit and deliver,
 * check agreement, exchange application messages. Agreement is the interop criterion: after every epoch
 * change all members must report the same epoch authenticator (RFC 9420 §8.7), which only happens if they
 * derived the same key schedule from the same transcript.
 */
import { bytesEqual } from "@parley/codec";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { ProposalDescriptionSchema } from "../gen/mls_client_pb.js";
import { check, invoke } from "./errors.js";
import { joinFromWelcome, type Joiner, type Member } from "./member.js";
import type { ScenarioContext } from "./scenario.js";

export type ProposalDescriptionInit = MessageInitShape<typeof ProposalDescriptionSchema>;

export interface CommitOptions {
  /** Proposal messages covered by reference; every other member receives them with the commit. */
  readonly byReference?: readonly Uint8Array[];
  readonly byValue?: readonly ProposalDescriptionInit[];
  /** Send the ratchet tree out of band instead of in the Welcome's GroupInfo. */
  readonly externalTree?: boolean;
  readonly forcePath?: boolean;
  /** Clients added by this commit, who join from its Welcome. */
  readonly joiners?: readonly Joiner[];
  /** Names of members this commit removes: they stop being tracked and do not process it. */
  readonly removed?: readonly string[];
}

export interface CommitOutcome {
  readonly commit: Uint8Array;
  readonly welcome: Uint8Array;
  readonly ratchetTree: Uint8Array;
}

export class TestGroup {
  readonly #ctx: ScenarioContext;
  members: Member[];

  constructor(ctx: ScenarioContext, members: readonly Member[]) {
    this.#ctx = ctx;
    this.members = [...members];
  }

  member(name: string): Member {
    const m = this.members.find((x) => x.name === name);
    check(m !== undefined, `no member named ${name}`);
    return m;
  }

  /** `committer` commits; it applies its pending commit, the others handle it, joiners join, all agree. */
  async commit(committer: Member, opts: CommitOptions = {}): Promise<CommitOutcome> {
    const byReference = [...(opts.byReference ?? [])];
    const out = await invoke(committer.endpoint, "Commit", (c, o) =>
      c.commit(
        {
          stateId: committer.stateId,
          byReference,
          byValue: [...(opts.byValue ?? [])],
          forcePath: opts.forcePath ?? false,
          externalTree: opts.externalTree ?? false,
        },
        o,
      ),
    );
    const applied = await invoke(committer.endpoint, "HandlePendingCommit", (c, o) =>
      c.handlePendingCommit({ stateId: committer.stateId }, o),
    );
    committer.stateId = applied.stateId;
    committer.authenticator = applied.epochAuthenticator;
    const removed = new Set(opts.removed ?? []);
    await this.deliver(out.commit, byReference, [committer.name, ...removed]);
    await this.dropRemoved(removed);
    await this.welcome(
      opts.joiners ?? [],
      out.welcome,
      opts.externalTree === true ? out.ratchetTree : new Uint8Array(),
    );
    await this.agree();
    return out;
  }

  /** Every member except `skip` handles `commit` (with the proposals it covers by reference). */
  async deliver(
    commit: Uint8Array,
    proposals: readonly Uint8Array[],
    skip: readonly string[],
  ): Promise<void> {
    for (const m of this.members) {
      if (skip.includes(m.name)) continue;
      const res = await invoke(m.endpoint, "HandleCommit", (c, o) =>
        c.handleCommit({ stateId: m.stateId, proposal: [...proposals], commit }, o),
      );
      m.stateId = res.stateId;
      m.authenticator = res.epochAuthenticator;
    }
  }

  async welcome(joiners: readonly Joiner[], welcome: Uint8Array, ratchetTree: Uint8Array): Promise<void> {
    if (joiners.length === 0) return;
    check(welcome.length > 0, "a commit adding members returned no Welcome");
    for (const j of joiners) this.members.push(await joinFromWelcome(this.#ctx, j, welcome, ratchetTree));
  }

  async dropRemoved(removed: ReadonlySet<string>): Promise<void> {
    const gone = this.members.filter((m) => removed.has(m.name));
    check(gone.length === removed.size, `removed members not in the group: ${[...removed].join(", ")}`);
    this.members = this.members.filter((m) => !removed.has(m.name));
    for (const m of gone) await invoke(m.endpoint, "Free", (c, o) => c.free({ stateId: m.stateId }, o));
  }

  /** Every member's StateAuth must match the others' and what its endpoint last reported. */
  async agree(): Promise<Uint8Array> {
    const auths: Uint8Array[] = [];
    for (const m of this.members) {
      const { stateAuthSecret } = await invoke(m.endpoint, "StateAuth", (c, o) =>
        c.stateAuth({ stateId: m.stateId }, o),
      );
      check(
        stateAuthSecret.length > 0,
        `${m.name} (${m.endpoint.label}) reported an empty epoch authenticator`,
      );
      if (m.authenticator !== undefined) {
        check(
          bytesEqual(m.authenticator, stateAuthSecret),
          `${m.name} (${m.endpoint.label}): StateAuth differs from the epoch authenticator its endpoint returned`,
        );
      }
      auths.push(stateAuthSecret);
    }
    const first = auths[0];
    check(first !== undefined, "group has no members");
    const odd = this.members.filter((_, i) => !bytesEqual(auths[i] ?? new Uint8Array(), first));
    check(
      odd.length === 0,
      `epoch authenticators disagree: ${odd.map((m) => `${m.name} (${m.endpoint.label})`).join(", ")} ` +
        `differ from ${this.members[0]?.name ?? "?"}`,
    );
    return first;
  }

  /**
   * Every member sends one application message with authenticated data (RFC 9420 §6.3.1); every other
   * member must recover both plaintext and authenticated data exactly.
   */
  async exchange(round: string): Promise<void> {
    const enc = new TextEncoder();
    for (const sender of this.members) {
      const plaintext = enc.encode(`${round}: hello from ${sender.name}`);
      const authenticatedData = enc.encode(`aad ${round} ${sender.name}`);
      const { ciphertext } = await invoke(sender.endpoint, "Protect", (c, o) =>
        c.protect({ stateId: sender.stateId, authenticatedData, plaintext }, o),
      );
      for (const receiver of this.members) {
        if (receiver === sender) continue;
        const got = await invoke(receiver.endpoint, "Unprotect", (c, o) =>
          c.unprotect({ stateId: receiver.stateId, ciphertext }, o),
        );
        const who = `${receiver.name} (${receiver.endpoint.label}) reading ${sender.name} (${sender.endpoint.label})`;
        check(bytesEqual(got.plaintext, plaintext), `${who}: plaintext differs`);
        check(bytesEqual(got.authenticatedData, authenticatedData), `${who}: authenticated data differs`);
      }
    }
  }

  /** RFC 9420 §8.5: every member exports the same secret for the same label and context. */
  async exportAgree(label: string, context: Uint8Array, keyLength: number): Promise<void> {
    const secrets: Uint8Array[] = [];
    for (const m of this.members) {
      const res = await invoke(m.endpoint, "Export", (c, o) =>
        c.export({ stateId: m.stateId, label, context, keyLength }, o),
      );
      check(
        res.exportedSecret.length === keyLength,
        `${m.name} exported ${res.exportedSecret.length} bytes, not ${keyLength}`,
      );
      secrets.push(res.exportedSecret);
    }
    const first = secrets[0] ?? new Uint8Array();
    check(
      secrets.every((s) => bytesEqual(s, first)),
      `exported secrets for '${label}' disagree`,
    );
  }

  /** A GroupInfo (§12.4.3) from `from`, with the tree in an extension or out of band. */
  async groupInfo(
    from: Member,
    externalTree: boolean,
  ): Promise<{ groupInfo: Uint8Array; ratchetTree: Uint8Array }> {
    return invoke(from.endpoint, "GroupInfo", (c, o) =>
      c.groupInfo({ stateId: from.stateId, externalTree }, o),
    );
  }

  /** Frees every member's state (best effort: the scenario's verdict is already decided). */
  async free(): Promise<void> {
    for (const m of this.members) {
      await m.endpoint.client.free({ stateId: m.stateId }).catch(() => undefined);
    }
  }
}
