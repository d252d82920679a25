import { checkAgentChange, type AgentCaseChange } from './agent-case-rules.js';
import type { CaseLifecycle, CaseChangeFeed } from './case-lifecycle.js';
import type { CaseRecord, ConversationKey, ConversationRecord } from './case-records.js';
import { OPEN_CASE_STATUSES, transitionCase } from './case-status.js';
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

  async transfer(caseId: string, agent: string, toAgent: string): Promise<CaseRecord> {
    return this.change(caseId, agent, 'transferred', (record, lifecycle) => ({
      ...record,
      agent: toAgent,
      events: [...record.events, lifecycle.event('transferred', `agent:${agent}`, toAgent)],
    }));
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
