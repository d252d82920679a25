import { ActivityTypes, EventFactory, TurnContext, type Activity } from 'botbuilder';
import { BUILT_IN_DIRECT_LINE_CHANNEL, type Language } from '../core/index.js';
import { isAgentMessage, isEventLine, type CustomerDesk, type HandoffPriority, type HandoffReason } from '../handoff/index.js';
import { describeHours, ServiceHours, type Texts } from './opening-hours/index.js';
import { conversationKey, customerKey, type CaseRecord, type CaseSummary } from '../handoff/index.js';
import type { MessageCatalog } from '../core/content/index.js';
import type { ContentSource } from './bot-content.js';
import { EMAIL_MESSAGES, type EmailOffer } from './email-offer.js';
import { say, textsOf } from './messages.js';
import { reply } from './reply.js';
import type { Turn } from './turn.js';

/** Messages the handoff says; part of the content check like the dialogs' own. */
export const HANDOFF_MESSAGES = [
  'handoff_apology',
  'handoff_apology_repeated',
  'handoff_apology_outage',
  'handoff_apology_order_status',
  'handoff_apology_billing',
  'handoff_apology_complaint',
  'handoff_why_customer_request',
  'handoff_why_sensitive_topic',
  'handoff_why_sensitive_topic_billing',
  'handoff_why_personal_data',
  'handoff_why_verification_failed',
  'handoff_why_person_promised',
  'handoff_why_low_confidence',
  'handoff_why_upset',
  'handoff_queue_with_wait',
  'handoff_queue',
  'handoff_queue_update_with_wait',
  'handoff_queue_update',
  'handoff_after_hours',
  'handoff_meanwhile',
  'handoff_cancel_button',
  'handoff_waiting_ack',
  'handoff_cancelled',
  'handoff_cancel_words',
  'rating_prompt',
  'rating_thanks',
] as const;

/** What a click on the "cancel request" button sends back. */
export const CANCEL_HANDOFF_VALUE = { handoff: 'cancel' } as const;

/** How many of the bot's last messages the agent's summary quotes. */
const BOT_SAID_IN_SUMMARY = 3;

/**
 * What the bot says that tells the agent nothing about the matter: the greeting, the handoff's own
 * notices and the rating exchange of an earlier case. Without this the summary's "the bot already
 * said" quoted the welcome and, for a returning customer, the last case's queue notice and rating prompt.
 */
const NOT_SUBSTANTIVE: readonly string[] = ['welcome', ...HANDOFF_MESSAGES, ...EMAIL_MESSAGES];
/** Shorter fixed openings (a button title, "peru") could match a real answer by chance. */
const SHORTEST_OPENING = 12;

/** Whether a bot message is one of `NOT_SUBSTANTIVE` in any language, compared up to its first {placeholder}. */
function boilerplateIn(messages: MessageCatalog): (text: string) => boolean {
  const openings = NOT_SUBSTANTIVE.flatMap((key) => Object.values(messages[key] ?? {}))
    .map((text) => text.split('{')[0]!.trim())
    .filter((opening) => opening.length >= SHORTEST_OPENING);
  return (text) => openings.some((opening) => text.startsWith(opening));
}

export interface HandoffRequest {
  reason: HandoffReason;
  /** Every reason that applied, then the detailed signals, e.g. "upset:all_caps", "sensitive_topic:personal_data:card". */
  signals: string[];
  priority: HandoffPriority;
  language: Language;
  intent: string | null;
  score: number | null;
  /** A more precise cause than the reason, when there is one: "personal_data", "verification_failed", "person_promised". */
  cause?: 'personal_data' | 'verification_failed' | 'person_promised';
}

/** Value of the `handoff.initiate` event: what an external agent hub needs to take over. */
export interface HandoffContext {
  reason: HandoffReason;
  signals: string[];
  caseId: string;
  language: Language;
  intent: string | null;
  score: number | null;
  summary: CaseSummary;
  priority: HandoffPriority;
}

export interface HandoffFlowDeps {
  content: ContentSource;
  desk: CustomerDesk;
  now: () => Date;
  /** Upset thresholds for the summary's sentiment label. */
  upsetThreshold: number;
  /** Agents signed in now, for the expected wait; undefined when this process cannot tell (no agent console). */
  agentsOnDuty?: () => number | undefined | Promise<number | undefined>;
  /** Set when agent replies can be emailed (SMTP_URL): web chat customers are then offered email. */
  email?: EmailOffer;
}

/**
 * Hands one conversation to a person: opens the case with the transcript and a summary, announces
 * it with the standard `handoff.initiate` event, and tells the customer what happens next.
 */
export class HandoffFlow {
  constructor(private readonly deps: HandoffFlowDeps) {}

  /** Opens the case for the turn's conversation; `request` comes from `handoffRequest`. */
  async start(turn: Turn, request: HandoffRequest): Promise<CaseRecord> {
    const { context, data, content } = turn;
    const activity = context.activity;
    const transcript = await turn.transcript();
    const fromCustomer = (entry: Partial<Activity>) => entry.from?.id === activity.from.id;
    const botMessage = (entry: Partial<Activity>) =>
      entry.type === ActivityTypes.Message && !fromCustomer(entry) && !isAgentMessage(entry) && !isEventLine(entry) && !!entry.text;
    const intent = request.intent ? content.intents.find((candidate) => candidate.name === request.intent) : undefined;
    const boilerplate = boilerplateIn(content.messages);
    const substantive = (entry: Partial<Activity>) => botMessage(entry) && !boilerplate(entry.text!);
    const summary: Omit<CaseSummary, 'earlierCases' | 'whileQueued'> = {
      headline: '',
      intent: request.intent,
      topic: intent?.title[request.language] ?? null,
      details: { ...(data.details ?? {}) },
      sentiment: data.frustration >= this.deps.upsetThreshold || request.reason === 'upset' ? 'upset' : data.frustration >= 1 ? 'annoyed' : 'calm',
      upsetSignals: [...(data.upsetSignals ?? [])],
      botSaid: [...new Set(transcript.filter(substantive).map((entry) => entry.text!))].slice(-BOT_SAID_IN_SUMMARY),
      firstMessage: transcript.find((entry) => fromCustomer(entry) && entry.type === ActivityTypes.Message && entry.text)?.text ?? null,
      // The message the handoff decided on (masked by then): a button tap without text has no words of its own.
      // After a failed identity check that message is the e-mail or postal code the customer typed, which
      // says nothing of what they want (and is personal): the console falls back to the first message.
      need: request.cause === 'verification_failed' ? null : activity.text?.trim() || null,
    };
    summary.headline = [summary.topic ?? request.reason.replace('_', ' '), request.language, activity.channelId].join(' · ');

    const { record } = await this.deps.desk.openCase({
      conversation: {
        key: conversationKey(activity.channelId, activity.conversation.id),
        customerKey: customerKey(activity.channelId, activity.from.id),
        channelId: activity.channelId,
        language: request.language,
      },
      reference: TurnContext.getConversationReference(activity),
      reason: request.reason,
      signals: request.signals,
      priority: request.priority,
      score: request.score,
      summary,
    });

    const handoffContext: HandoffContext = {
      reason: request.reason,
      signals: request.signals,
      caseId: record.id,
      language: request.language,
      intent: request.intent,
      score: request.score,
      summary: record.summary,
      priority: request.priority,
    };
    const { message, afterHours } = await this.nextStepMessage(turn, record, request);
    await context.sendActivity(message);
    // Outside service hours nobody answers before the customer has probably left: offer email right away.
    // Within hours it is offered once the customer has been away a while (bot/turn/queue-updates.ts).
    if (afterHours && this.deps.email && !record.email && isWebChat(activity.channelId)) await this.deps.email.offer(turn, record);
    // The event goes last so its transcript includes the next-step message the customer just got.
    const everything = (await turn.transcript()) as Activity[];
    await context.sendActivity(EventFactory.createHandoffInitiation(context, handoffContext, { activities: everything }));
    return record;
  }

  /** The wait at a place in the queue, with the agents on duty now (see `expectedWaitMinutes`). */
  async expectedWait(position: number): Promise<number | undefined> {
    return this.deps.desk.expectedWaitMinutes(position, await this.deps.agentsOnDuty?.());
  }

  /** The customer's own words while waiting are added to the case; the bot only acknowledges them. */
  async acknowledgeWaiting(turn: Turn, caseId: string): Promise<void> {
    const position = await this.deps.desk.queuePosition(caseId);
    await turn.context.sendActivity(
      reply(say(turn.messages, 'handoff_waiting_ack', turn.language, { position: position ?? 1 }), [this.cancelButton(turn.language)]),
    );
  }

  cancelButton(language: Language) {
    return { title: say(this.deps.content.messages, 'handoff_cancel_button', language), value: { ...CANCEL_HANDOFF_VALUE } };
  }

  /**
   * Apology (upset only), why a person takes over, when they answer (queue place and wait while
   * agents are on duty; otherwise when they are back), on the web chat where the answer will be, and
   * what to do meanwhile.
   */
  private async nextStepMessage(turn: Turn, record: CaseRecord, request: HandoffRequest): Promise<{ message: Partial<Activity>; afterHours: boolean }> {
    const { content } = turn;
    const language = request.language;
    const text = (key: string, values?: Record<string, string | number>) => say(content.messages, key, language, values);
    const paragraphs: string[] = [];
    const texts = textsOf(content.messages, language);
    if (request.reason === 'upset') paragraphs.push(apologyFor(request, texts));
    // A sensitive topic says why a person handles it ("laskuasiat vaativat tunnistamisen") when the topic has its own words.
    const topicWhy =
      request.reason === 'sensitive_topic' && !request.cause && request.intent ? texts(`handoff_why_sensitive_topic_${request.intent}`) : undefined;
    paragraphs.push(topicWhy ?? text(`handoff_why_${request.cause ?? request.reason}`));

    const hours = content.openingHours ? new ServiceHours(content.openingHours) : undefined;
    const now = this.deps.now();
    const afterHours = hours !== undefined && !hours.availability(hours.agentChannel, now).openNow;
    if (hours && afterHours) {
      paragraphs.push(
        text('handoff_after_hours', {
          hours: describeHours(hours, { day: 'now', channels: [hours.agentChannel] }, language, now, texts),
        }),
      );
    } else {
      const position = (await this.deps.desk.queuePosition(record.id)) ?? 1;
      const minutes = await this.expectedWait(position);
      paragraphs.push(minutes === undefined ? text('handoff_queue', { position }) : text('handoff_queue_with_wait', { position, minutes }));
    }
    // The web chat lives in a browser tab: an answer reaches the customer there only while the page is
    // open or once they come back to it (before this, the bot said they need not wait, and the reply was lost).
    if (isWebChat(turn.context.activity.channelId)) paragraphs.push(text('handoff_return_to_page'));
    paragraphs.push(text('handoff_meanwhile'));
    return { message: reply(paragraphs.join('\n\n'), [this.cancelButton(language)]), afterHours };
  }
}

/** The built-in web chat page: the one channel where the customer can leave and the bot can tell. */
export function isWebChat(channelId: string): boolean {
  return channelId === BUILT_IN_DIRECT_LINE_CHANNEL;
}

/**
 * The apology names what went wrong: asking again and again, else the topic (`handoff_apology_<intent>`),
 * else the matter not being solved. Without this every upset customer got the same sentence, whatever upset them.
 */
function apologyFor(request: HandoffRequest, texts: Texts): string {
  const repeated = request.signals.includes('upset:repeated_complaint') ? texts('handoff_apology_repeated') : undefined;
  const topic = request.intent ? texts(`handoff_apology_${request.intent}`) : undefined;
  const apology = repeated ?? topic ?? texts('handoff_apology');
  if (apology === undefined) throw new Error("apologyFor(): message 'handoff_apology' is missing; add it to messages/bot.yaml");
  return apology;
}
