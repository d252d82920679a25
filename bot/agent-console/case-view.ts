import type { Activity } from 'botbuilder';
import type { Language } from '../../core/index.js';
import { addressHint } from '../../core/index.js';
import { agentLoginOf, type CaseRecord, type CaseSla, type EmailStep, type MessageDelivery } from '../../handoff/index.js';
import { needOf, summaryInWords, type SummaryInWords } from './case-summary-view.js';
import type { SummaryWordList } from './summary-words.js';

/** One line of the conversation as the agent reads it. */
export interface TranscriptLine {
  at: string | null;
  from: 'customer' | 'bot' | 'agent';
  /** The agent's name for agent lines. */
  name: string | null;
  text: string;
  /** Agent lines of this version: what became of the message (delivered, seen, not connected, emailed). */
  delivery?: MessageDelivery;
}

/** A case as the queue lists it: enough to choose which to take. */
export interface CaseListItem {
  id: string;
  status: CaseRecord['status'];
  priority: number;
  reason: string;
  signals: string[];
  language: string;
  channelId: string;
  agent: string | null;
  createdAt: string;
  assignedAt: string | null;
  /** What the customer wants in one line (the summary's `need`): the message that triggered the handoff. */
  firstLine: string;
  headline: string;
  /** The team the case was transferred to, if any (routing offers it only to that team). */
  team: string | null;
  /** The agents' tags, for the queue row and the search. */
  tags: string[];
  /** The first-response SLA at the server's `now`: due and warning times, and the state they give. */
  sla: CaseSla;
  revision: number;
}

/**
 * A case without its conversation reference (service URLs and ids are the server's business), with
 * its summary in the words of the agent reading it. Of the customer's email address only a hint
 * ("ma•••@example.fi"): agents answer in the chat, and the address stays where the customer gave it.
 */
export type CaseDetail = Omit<CaseRecord, 'reference' | 'email'> & {
  summaryInWords: SummaryInWords;
  sla: CaseSla;
  email?: { step: EmailStep; addressHint?: string };
};

export function listItemOf(record: CaseRecord, sla: CaseSla): CaseListItem {
  const firstLine = needOf(record);
  return {
    id: record.id,
    status: record.status,
    priority: record.priority,
    reason: record.reason,
    signals: record.signals,
    language: record.language,
    channelId: record.channelId,
    agent: record.agent ?? null,
    createdAt: record.createdAt,
    assignedAt: record.assignedAt ?? null,
    firstLine: firstLine.length > 140 ? `${firstLine.slice(0, 139)}…` : firstLine,
    headline: record.summary.headline,
    team: record.team ?? null,
    tags: record.tags ?? [],
    sla,
    revision: record.revision,
  };
}

export function detailOf(record: CaseRecord, sla: CaseSla, words: SummaryWordList, language: Language): CaseDetail {
  const { reference: _reference, email, ...rest } = record;
  return {
    ...rest,
    ...(email ? { email: { step: email.step, ...(email.address ? { addressHint: addressHint(email.address) } : {}) } } : {}),
    summaryInWords: summaryInWords(record, words, language),
    sla,
  };
}

/**
 * The stored transcript as lines: what the customer wrote, what the bot said, what agents said (by
 * name, with what became of each message when `record` has it on its reply events).
 */
export function transcriptLinesOf(activities: readonly Activity[], record?: CaseRecord): TranscriptLine[] {
  const deliveries = new Map(
    (record?.events ?? []).flatMap((event) => (event.messageId && event.delivery ? [[event.messageId, event.delivery] as const] : [])),
  );
  const lines: TranscriptLine[] = [];
  for (const activity of activities) {
    if (activity.type !== 'message') continue;
    const text = (activity.text ?? '').trim() || buttonValueOf(activity);
    if (!text) continue;
    const at = activity.timestamp ? new Date(activity.timestamp).toISOString() : null;
    // Roles are the server's record (SpeakerRolesMiddleware): what came in is the customer's ("user")
    // whatever name or channelData it carried; only what the server sent can be the bot's or an agent's.
    const agent = agentLoginOf(activity);
    if (activity.from?.role === 'user') lines.push({ at, from: 'customer', name: null, text });
    else if (agent !== undefined) {
      const delivery = activity.id ? deliveries.get(activity.id) : undefined;
      lines.push({ at, from: 'agent', name: activity.from?.name ?? agent, text, ...(delivery ? { delivery } : {}) });
    } else lines.push({ at, from: 'bot', name: null, text });
  }
  return lines;
}

/** A tap on a button without text (e.g. a rating) still shows what was chosen. */
function buttonValueOf(activity: Activity): string {
  const value = activity.value as Record<string, unknown> | undefined;
  if (value && typeof value === 'object' && 'rating' in value) return `★ ${String(value.rating)}`;
  return '';
}
