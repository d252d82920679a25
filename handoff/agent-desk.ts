import { checkAgentChange, type AgentCaseChange } from './agent-case-rules.js';
import { CaseConflictError } from './case-errors.js';
import type { CaseLifecycle, CaseChangeFeed } from './case-lifecycle.js';
import type { CaseRecord, ConversationKey, ConversationRecord, CustomerKey, TransferTarget } from './case-records.js';
import { planRouting, type CaseTeams, type RoutableAgent, type RoutedCase } from './case-routing.js';
import { filterCases, type CaseFilters } from './case-search.js';
import { OPEN_CASE_STATUSES, transitionCase } from './case-status.js';
import { changedTags, tagsInUse } from './case-tags.js';
import type { MessageDelivery } from './message-delivery.js';
import { queueOrder } from './queue-estimates.js';

/**
 * The agents' side of the handoff (used by the agent console and the agent actions): the queue, and
 * claim, release, transfer, reply, note and close. Every change is one store transaction checked
 * against `AGENT_CASE_RULES`, so a race between two agents has exactly one winner and nothing is
 * half-written.
 */
export class AgentDesk {
  constructor(private readonly lifecycle: CaseLifecycle) {}

  /**
   * `change` (CaseChange) after every stored change and every customer message on an open case,
   * for live views such as the agent console.
   */
  get events(): CaseChangeFeed {
    return this.lifecycle.changes;
  }

  async getCase(id: string): Promise<CaseRecord> {
    return this.lifecycle.getCase(id);
  }

  /** The conversation's record, e.g. to find its open case when a delivery to the customer failed. */
  async conversation(key: ConversationKey): Promise<ConversationRecord | undefined> {
    return this.lifecycle.conversation(key);
  }

  /** Waiting cases in the order agents should take them: priority first, then the longest waiting. */
  async queue(): Promise<CaseRecord[]> {
    return (await this.lifecycle.store.read((view) => view.cases({ status: ['waiting'] }))).sort(queueOrder);
  }

  async openCases(): Promise<CaseRecord[]> {
    return (await this.lifecycle.store.read((view) => view.cases({ status: OPEN_CASE_STATUSES }))).sort(queueOrder);
  }

  /** Cases matching `filters`, newest first (see `filterCases`; text in transcripts is the caller's to match). */
  async findCases(filters: CaseFilters): Promise<CaseRecord[]> {
    return this.lifecycle.store.read((view) => filterCases(view, filters));
  }

  /** One customer's conversations and cases, newest first: the customer view. */
  async customerHistory(customerKey: CustomerKey): Promise<{ conversations: ConversationRecord[]; cases: CaseRecord[] }> {
    return this.lifecycle.store.read((view) => ({
      conversations: view.conversations({ customerKey }).sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
      cases: filterCases(view, { customerKey }),
    }));
  }

  /** Tags used so far, most used first: suggestions while tagging. */
  async tagsInUse(): Promise<{ tag: string; count: number }[]> {
    return this.lifecycle.store.read(tagsInUse);
  }

  /** The case, if `agent` may make `change` to it now; otherwise the conflict or not-yours error. */
  async caseHeldBy(caseId: string, agent: string, change: AgentCaseChange): Promise<CaseRecord> {
    const record = await this.getCase(caseId);
    checkAgentChange(record, change, agent);
    return record;
  }

  async claim(caseId: string, agent: string): Promise<CaseRecord> {
    return this.change(
      caseId,
      agent,
      'claimed',
      (record, lifecycle) => ({
        ...record,
        status: transitionCase(record.status, 'assigned'),
        agent,
        assignedAt: record.assignedAt ?? lifecycle.stamp(),
        events: [...record.events, lifecycle.event('claimed', `agent:${agent}`)],
      }),
      'agent',
    );
  }

  /** The agent puts the case back in the queue for someone else. */
  async release(caseId: string, agent: string): Promise<CaseRecord> {
    return this.change(
      caseId,
      agent,
      'released',
      ({ agent: _released, ...record }, lifecycle) => ({
        ...record,
        status: transitionCase(record.status, 'waiting'),
        events: [...record.events, lifecycle.event('released', `agent:${agent}`)],
      }),
      'queued',
    );
  }

  /**
   * Hands the case on: to another agent (it stays assigned, now theirs) or to a team (it goes back
   * to the queue for that team; routing offers it to the team's agents). The note travels with the
   * case (`handover`, shown to whoever receives it) and into its history. The returned record's
   * `handover` says who from and to whom, for the line the customer is told.
   */
  async transfer(caseId: string, agent: string, to: string | TransferTarget, note?: string): Promise<CaseRecord> {
    const target: TransferTarget = typeof to === 'string' ? { agent: to } : to;
    const detail = 'agent' in target ? target.agent : `team:${target.team}`;
    const text = note?.trim() || undefined;
    const handover = (lifecycle: CaseLifecycle) => ({ at: lifecycle.stamp(), from: agent, to: target, ...(text ? { note: text } : {}) });
    const event = (lifecycle: CaseLifecycle) => ({ ...lifecycle.event('transferred', `agent:${agent}`, detail), ...(text ? { note: text } : {}) });
    if ('agent' in target) {
      return this.change(caseId, agent, 'transferred', (record, lifecycle) => ({
        ...record,
        agent: target.agent,
        handover: handover(lifecycle),
        events: [...record.events, event(lifecycle)],
      }));
    }
    return this.change(
      caseId,
      agent,
      'transferred',
      ({ agent: _sender, ...record }, lifecycle) => ({
        ...record,
        status: transitionCase(record.status, 'waiting'),
        team: target.team,
        handover: handover(lifecycle),
        events: [...record.events, event(lifecycle)],
      }),
      'queued',
    );
  }

  /**
   * A supervisor gives an open case to another agent (`to`), or puts it back in the queue (`to`
   * undefined). Only supervisors may ask (the API checks the role); the case's rule is `reassigned`.
   * A deliberate move, so it may take an agent past their `maxChats` (only routing keeps to it).
   */
  async reassign(caseId: string, supervisor: string, to?: string): Promise<CaseRecord> {
    const by = `agent:${supervisor}`;
    return this.lifecycle.changeCase(caseId, 'reassigned', (record, tx) => {
      checkAgentChange(record, 'reassigned', supervisor);
      const event = this.lifecycle.event('reassigned', by, to ?? 'queue');
      if (to !== undefined) {
        if (record.status === 'waiting') this.lifecycle.moveOwner(tx, record, 'agent', by);
        return {
          ...record,
          status: record.status === 'waiting' ? transitionCase(record.status, 'assigned') : record.status,
          agent: to,
          assignedAt: record.assignedAt ?? this.lifecycle.stamp(),
          events: [...record.events, event],
        };
      }
      if (record.status === 'waiting') throw new CaseConflictError(record.id, record.status, 'put back in the queue');
      this.lifecycle.moveOwner(tx, record, 'queued', by);
      const { agent: _held, ...rest } = record;
      return { ...rest, status: transitionCase(record.status, 'waiting'), events: [...record.events, event] };
    });
  }

  /**
   * Routes the waiting cases that fit `agents` (the agents online now, with their skills and
   * limits) in one store transaction (see `planRouting`): each routed case is claimed on the
   * agent's behalf, its history says "routed". Returns what went to whom.
   */
  async route(agents: readonly RoutableAgent[], teams: CaseTeams): Promise<RoutedCase[]> {
    const { lifecycle } = this;
    const routed = await lifecycle.store.transact((tx) => {
      const changed: CaseRecord[] = [];
      for (const { caseId, agent } of planRouting(tx, agents, teams)) {
        const record = tx.case(caseId)!;
        lifecycle.moveOwner(tx, record, 'agent', 'router');
        const next: CaseRecord = {
          ...record,
          status: transitionCase(record.status, 'assigned'),
          agent,
          assignedAt: record.assignedAt ?? lifecycle.stamp(),
          events: [...record.events, lifecycle.event('routed', 'router', agent)],
          revision: record.revision + 1,
        };
        tx.putCase(next);
        changed.push(next);
      }
      return changed;
    });
    for (const record of routed) lifecycle.emit(record, 'routed');
    return routed.map((record) => ({ caseId: record.id, agent: record.agent! }));
  }

  /**
   * Call once an agent's reply has been sent: checks the agent holds the case and records the first
   * reply time; `sent` joins the event to the transcript's message and says what became of it.
   */
  async recordAgentReply(caseId: string, agent: string, sent?: { messageId?: string; delivery: MessageDelivery }): Promise<CaseRecord> {
    return this.change(caseId, agent, 'replied', (record, lifecycle) => ({
      ...record,
      firstAgentReplyAt: record.firstAgentReplyAt ?? lifecycle.stamp(),
      events: [
        ...record.events,
        {
          ...lifecycle.event('replied', `agent:${agent}`),
          ...(sent?.messageId ? { messageId: sent.messageId } : {}),
          ...(sent ? { delivery: sent.delivery } : {}),
        },
      ],
    }));
  }

  async addNote(caseId: string, agent: string, text: string): Promise<CaseRecord> {
    return this.change(caseId, agent, 'noted', (record, lifecycle) => ({ ...record, notes: [...record.notes, { at: lifecycle.stamp(), agent, text }] }));
  }

  /** Adds and removes tags (normalised with `normaliseTag`); any agent may tag any case they can open. */
  async tag(caseId: string, agent: string, change: { add: readonly string[]; remove: readonly string[] }): Promise<CaseRecord> {
    return this.change(caseId, agent, 'tagged', (record) => ({ ...record, tags: changedTags(record, change.add, change.remove) }));
  }

  /** The agent is done: the conversation waits for the customer's rating, then the bot has it again. */
  async close(caseId: string, agent: string, resolution: string): Promise<CaseRecord> {
    return this.change(
      caseId,
      agent,
      'closed',
      (record, lifecycle) => ({
        ...record,
        status: transitionCase(record.status, 'closed'),
        resolution,
        endedAt: lifecycle.stamp(),
        events: [...record.events, lifecycle.event('closed', `agent:${agent}`, resolution)],
      }),
      'closed',
    );
  }

  /** Checks the rule for `kind`, applies `update`, and moves the conversation to `owner` when given. */
  private change(
    caseId: string,
    agent: string,
    kind: AgentCaseChange,
    update: (record: CaseRecord, lifecycle: CaseLifecycle) => CaseRecord,
    owner?: 'agent' | 'queued' | 'closed',
  ): Promise<CaseRecord> {
    return this.lifecycle.changeCase(caseId, kind, (record, tx) => {
      checkAgentChange(record, kind, agent);
      if (owner) this.lifecycle.moveOwner(tx, record, owner, `agent:${agent}`);
      return update(record, this.lifecycle);
    });
  }
}
