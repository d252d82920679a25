import type { ConversationReference } from 'botbuilder';
import type { Language } from '../core/languages.js';
import type { CaseEventKind } from './case-changes.js';
import type { CaseStatus } from './case-status.js';
import type { ConversationOwner, OwnerChange } from './conversation-owner.js';
import type { EmailContact } from './email-contact.js';
import type { HandoffPriority, HandoffReason } from './escalation-policy.js';
import type { MessageDelivery } from './message-delivery.js';

/**
 * The shapes the handoff keeps in the store. Plain JSON-safe data (times as ISO 8601 text), so any
 * store (the lowdb file here, a server database later) can hold them. The rules for changing them
 * live in handoff/; the store only keeps them consistent. The unions name exactly the strings
 * earlier versions wrote, so old files read as they are; `case-record-shapes.ts` checks them on
 * start-up.
 */

/** "channelId/conversationId" (the channel part escaped, see `conversationKey`): one conversation in one channel. */
export type ConversationKey = string;
/** "channelId/userId" (the channel part escaped like a conversation key's): one customer in one channel. */
export type CustomerKey = string;

/** How the customer seemed when the case opened, from the frustration score and the reason. */
export const CASE_SENTIMENTS = { calm: 'calm', annoyed: 'annoyed', upset: 'upset' } as const;
export type CaseSentiment = (typeof CASE_SENTIMENTS)[keyof typeof CASE_SENTIMENTS];

/** How a conversation ended up, for the metrics: contained by the bot, handed off, or abandoned. */
export const CONVERSATION_OUTCOMES = { contained: 'contained', handed_off: 'handed_off', abandoned: 'abandoned' } as const;
export type ConversationOutcome = (typeof CONVERSATION_OUTCOMES)[keyof typeof CONVERSATION_OUTCOMES];

export interface CaseNote {
  at: string;
  agent: string;
  text: string;
}

export interface CaseEvent {
  at: string;
  event: CaseEventKind;
  /** Who did it: "bot", "customer", "agent:anna". */
  by: string;
  /** The reason of "opened", the resolution of "closed", the new agent of "transferred" ("team:billing" for a team). */
  detail?: string;
  /** The note the agent wrote for whoever takes a transferred case. */
  note?: string;
  /** "replied": the id the channel gave the agent's message (the transcript's activity id). */
  messageId?: string;
  /** "replied": what became of the message (absent in cases of earlier versions). */
  delivery?: MessageDelivery;
}

/** Where a transfer sends a case: to one agent (it stays assigned) or to a team's queue. */
export type TransferTarget = { agent: string } | { team: string };

/** The last transfer of a case, shown to the agent who receives it: who sent it, to whom, and why. */
export interface CaseHandover {
  at: string;
  /** The login of the agent who transferred it. */
  from: string;
  to: TransferTarget;
  note?: string;
}

/** What the agent reads first: the customer never has to repeat any of it. */
export interface CaseSummary {
  /** One line for the queue view, e.g. "Billing question · fi · webchat". */
  headline: string;
  intent: string | null;
  /** The intent's title in the customer's language, e.g. "Laskutus". */
  topic: string | null;
  /** Details the customer gave: order number, area, ... */
  details: Record<string, string>;
  sentiment: CaseSentiment;
  /** The upset signals seen in the conversation, e.g. "lexicon:kolmas kerta", "all_caps". */
  upsetSignals: string[];
  /** The bot's last messages before the handoff: what the customer has already been told. */
  botSaid: string[];
  /** The customer's first message, masked: usually the question itself. */
  firstMessage: string | null;
  /**
   * What the customer wants, in one line: the message that triggered the handoff, masked. Absent in
   * cases opened by earlier versions (the console then falls back to `firstMessage`).
   */
  need?: string | null;
  /** What the customer wrote while waiting in the queue, masked, oldest first; absent in older cases. */
  whileQueued?: QueuedMessage[];
  earlierCases: EarlierCase[];
}

/** One message the customer wrote while their case waited for an agent. */
export interface QueuedMessage {
  at: string;
  text: string;
}

/** One of the customer's earlier cases as the summary lists it: how it ended and what they thought of it. */
export interface EarlierCase {
  id: string;
  createdAt: string;
  reason: HandoffReason;
  /** The outcome: closed by an agent or abandoned by the customer (or still open). */
  status: CaseStatus;
  resolution?: string;
  /** The customer's rating of that case, 1..5, when they gave one. Absent in summaries of older versions. */
  rating?: number;
}

export interface CaseRecord {
  /** Readable and unique: "C-" and the store's next case number, e.g. "C-00007". */
  id: string;
  conversationKey: ConversationKey;
  customerKey: CustomerKey;
  channelId: string;
  /** Where agent replies go (through the adapter that owns the channel). */
  reference: Partial<ConversationReference>;
  language: Language;
  reason: HandoffReason;
  /** Every reason that applied, then the detailed signals, e.g. "upset:all_caps". */
  signals: string[];
  /** 1 (upset) is served before 2 (sensitive) before 3 (the rest). */
  priority: HandoffPriority;
  score: number | null;
  summary: CaseSummary;
  status: CaseStatus;
  agent?: string;
  /**
   * The team the case was transferred to; routing then offers it only to that team's agents. Absent:
   * the team follows from the intent or reason (`teamOfCase`).
   */
  team?: string;
  /** The last transfer, with its note; absent in cases never transferred (and in older cases). */
  handover?: CaseHandover;
  resolution?: string;
  notes: CaseNote[];
  /** Agents' labels for finding and counting cases ("lasku", "palautus"); normalised by `normaliseTag`. Absent in older cases. */
  tags?: string[];
  events: CaseEvent[];
  createdAt: string;
  assignedAt?: string;
  firstAgentReplyAt?: string;
  endedAt?: string;
  /** The customer's email address for the answer, and how far giving it has got; absent until offered. */
  email?: EmailContact;
  /** Bumped on every change; clients send it back to act on the version they saw. */
  revision: number;
}

/** One conversation, counted once in the metrics: contained by the bot, handed off, or abandoned. */
export interface ConversationRecord {
  key: ConversationKey;
  customerKey: CustomerKey;
  channelId: string;
  language: Language;
  startedAt: string;
  owner: ConversationOwner;
  ownerHistory: OwnerChange[];
  outcome: ConversationOutcome;
  /** The open case while a person is involved. */
  openCaseId?: string;
  /** Rating of the last closed case, 1..5, with the customer's optional comment (personal data masked). */
  rating?: { score: number; at: string; caseId: string; comment?: string };
  /**
   * The intents the bot answered, in order: the first one started the conversation. An intent whose
   * dialog asked a question, and one the bot handed off for, count as answered; a repeat of the
   * intent just before is kept once. Absent in records of earlier versions (read as none).
   */
  answeredIntents?: string[];
  /** The answered intents the customer said did not help ("ei auttanut"), each once; absent in earlier records. */
  notHelpfulIntents?: string[];
}

export function conversationKey(channelId: string, conversationId: string): ConversationKey {
  return `${escapeChannel(channelId)}/${conversationId}`;
}

/**
 * The channel and conversation ids back from a key made by `conversationKey`. The channel part is
 * escaped, so the first "/" always ends it: a channel id "a/b" cannot move the split into the
 * conversation id (and so into another conversation's transcript or state).
 */
export function splitConversationKey(key: ConversationKey): { channelId: string; conversationId: string } {
  const slash = key.indexOf('/');
  if (slash < 0) throw new Error(`splitConversationKey(): '${key}' is not a conversation key (channel/conversation)`);
  return { channelId: unescapeChannel(key.slice(0, slash)), conversationId: key.slice(slash + 1) };
}

export function customerKey(channelId: string, userId: string): CustomerKey {
  return `${escapeChannel(channelId)}/${userId}`;
}

// Only "%" and "/" are escaped, so keys of ordinary channel ids ("emulator", "facebook") stay as
// earlier versions stored them in handoff.json and need no migration.
function escapeChannel(channelId: string): string {
  return channelId.replace(/%/g, '%25').replace(/\//g, '%2F');
}

function unescapeChannel(escaped: string): string {
  return escaped.replace(/%(25|2F)/g, (_match, code: string) => (code === '25' ? '%' : '/'));
}

/**
 * Whether an agent holds the case or has taken it at some time (`assignedAt`; a released case keeps
 * it): what `HandoffView.cases({ pickedUp: true })` selects, and the stores index.
 */
export function wasPickedUp(record: Pick<CaseRecord, 'status' | 'assignedAt'>): boolean {
  return record.assignedAt !== undefined || record.status === 'assigned';
}
