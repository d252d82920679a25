import type { Language } from '../../core/index.js';
import { caseText, slaOf, splitConversationKey, type AgentDesk, type CaseRecord, type ConversationRecord, type SlaPolicy } from '../../handoff/index.js';
import { mayOpen } from './case-access.js';
import { filtersOf, foldText, termsOf, type CaseSearchQuery } from './case-search-query.js';
import { listItemOf, transcriptLinesOf, type CaseListItem } from './case-view.js';
import type { Caller } from './console-auth.js';

/** Transcripts one search may read before it stops and says the result is partial: keeps a broad search from reading every file. */
export const MAX_TRANSCRIPTS_PER_SEARCH = 500;

/** What a transcript store must give the search: every activity of a conversation (the file store and PostgreSQL both do). */
export interface TranscriptSource {
  allActivities(channelId: string, conversationId: string): Promise<import('botbuilder').Activity[]>;
}

/** A case in search results and the customer view: the queue row, plus how it ended and where the words matched. */
export interface CaseHit extends CaseListItem {
  customerKey: string;
  endedAt: string | null;
  resolution: string | null;
  /** A short piece of the text around the first search word (masked as stored); null without text search. */
  match: string | null;
}

export interface CaseSearchPage {
  results: CaseHit[];
  /** The offset of the next page, or null when there is none. */
  nextOffset: number | null;
  /** True when the search stopped at MAX_TRANSCRIPTS_PER_SEARCH transcripts: narrow it (dates, tag, agent) to see everything. */
  partial: boolean;
}

export interface CustomerView {
  customerKey: string;
  conversations: { key: string; channelId: string; language: Language; startedAt: string; outcome: string; rating: ConversationRecord['rating'] | null }[];
  cases: CaseHit[];
  /** Cases of this customer the caller may not open (ended cases they did not work on). */
  hiddenCases: number;
}

/**
 * Search over ended and open cases and the customer view, for the console. The filters run in the
 * store's read view (`filterCases`, a pure query any store answers); the words are then matched, in
 * that order, on each case's own text and its transcript, until one page is full. Only cases the
 * caller may open are found (`mayOpen`), so a search never shows what opening would refuse. Text is
 * masked as stored; nothing here unmasks it.
 */
export class CaseHistory {
  constructor(
    private readonly deps: {
      desk: AgentDesk;
      transcripts: TranscriptSource;
      sla: SlaPolicy;
      now: () => Date;
      timeZone: () => string;
      /** Transcripts one search may read; MAX_TRANSCRIPTS_PER_SEARCH unless a test sets fewer. */
      maxTranscripts?: number;
    },
  ) {}

  async search(caller: Caller, query: CaseSearchQuery): Promise<CaseSearchPage> {
    const candidates = (await this.deps.desk.findCases(filtersOf(query, this.deps.timeZone()))).filter((record) => mayOpen(caller, record));
    const terms = termsOf(query.text);
    const now = this.deps.now();
    const wanted = query.offset + query.limit;
    const found: CaseHit[] = [];
    let transcriptsRead = 0;
    let partial = false;
    let more = false;
    for (const record of candidates) {
      let match: string | null = null;
      if (terms.length > 0) {
        let text = caseText(record);
        if (!containsAll(text, terms)) {
          if (transcriptsRead >= (this.deps.maxTranscripts ?? MAX_TRANSCRIPTS_PER_SEARCH)) {
            partial = true;
            break;
          }
          transcriptsRead++;
          text += '\n' + (await this.transcriptText(record));
          if (!containsAll(text, terms)) continue;
        }
        match = snippet(text, terms[0]!);
      }
      if (found.length === wanted) {
        more = true;
        break;
      }
      found.push(this.hitOf(record, now, match));
    }
    return { results: found.slice(query.offset), nextOffset: more ? wanted : null, partial };
  }

  async customer(caller: Caller, customerKey: string): Promise<CustomerView> {
    const { conversations, cases } = await this.deps.desk.customerHistory(customerKey);
    const now = this.deps.now();
    const visible = cases.filter((record) => mayOpen(caller, record));
    return {
      customerKey,
      conversations: conversations.map((conversation) => ({
        key: conversation.key,
        channelId: conversation.channelId,
        language: conversation.language,
        startedAt: conversation.startedAt,
        outcome: conversation.outcome,
        rating: conversation.rating ?? null,
      })),
      cases: visible.map((record) => this.hitOf(record, now, null)),
      hiddenCases: cases.length - visible.length,
    };
  }

  private hitOf(record: CaseRecord, now: Date, match: string | null): CaseHit {
    return {
      ...listItemOf(record, slaOf(record, this.deps.sla, now)),
      customerKey: record.customerKey,
      endedAt: record.endedAt ?? null,
      resolution: record.resolution ?? null,
      match,
    };
  }

  private async transcriptText(record: CaseRecord): Promise<string> {
    const { channelId, conversationId } = splitConversationKey(record.conversationKey);
    return transcriptLinesOf(await this.deps.transcripts.allActivities(channelId, conversationId))
      .map((line) => line.text)
      .join('\n');
  }
}

function containsAll(text: string, terms: readonly string[]): boolean {
  const folded = foldText(text);
  return terms.every((term) => folded.includes(term));
}

/** About 120 characters around the first place `term` occurs, on one line. */
function snippet(text: string, term: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const at = foldText(flat).indexOf(term);
  if (at < 0) return flat.slice(0, 120);
  // Whole words at both ends: "…r haluan" reads as a typo.
  let start = Math.max(0, at - 50);
  if (start > 0) start = Math.min(at, flat.indexOf(' ', start) + 1 || at);
  let end = Math.min(flat.length, at + term.length + 70);
  if (end < flat.length) end = Math.max(at + term.length, flat.lastIndexOf(' ', end));
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
