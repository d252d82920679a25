import type { HandoffDesks, HandoffReason } from '../../handoff/index.js';
import type { TestAgent } from './vastaa.js';

/** A supervisor of each language: the dashboard is theirs. */
export const SANNA: TestAgent = { login: 'sanna', name: 'Sanna', language: 'fi', password: 'sannan-salasana-789', role: 'supervisor' };
export const SAM: TestAgent = { login: 'sam', name: 'Sam', language: 'en', password: 'sams-password-0123', role: 'supervisor' };

/** Friday 27 November 2026, 12:00 in Helsinki: the clock after seeding. */
export const DASHBOARD_NOW = new Date('2026-11-27T10:00:00Z');

/** A clock the seeding moves; the app reads it through `now`. */
export interface MovableClock {
  at: Date;
}

/**
 * Seven conversations with known figures, written through the desks the bot and the console use
 * (times in UTC; Helsinki is UTC+2 in November):
 * - F Fri 20.11. 10.00: billing, handed off (upset, C-00001), first reply after 30 s, rated 4 (outside 23.–24.11.)
 * - A Mon 23.11. 9.10: greeting, opening_hours ("didn't help"), contained
 * - B Mon 23.11. 9.40: billing, handed off (sensitive_topic, C-00002), first reply after 120 s, rated 5
 * - C Mon 23.11. 14.05: help, human_agent, handed off (customer_request, C-00003), first reply after 900 s, rated 2
 * - D Tue 24.11. 9.20: outage, human_agent, handed off (C-00004) and abandoned in the queue
 * - E Tue 24.11. 23.30: opening_hours, contained
 * - G Wed 25.11. 0.30 (still 24.11. in UTC): greeting, contained (outside 23.–24.11.)
 */
export async function seedDashboardRecords(desks: HandoffDesks, clock: MovableClock): Promise<void> {
  const at = (iso: string) => {
    clock.at = new Date(iso);
  };
  const conversation = async (id: string, startedAt: string, intents: readonly string[]) => {
    at(startedAt);
    const identity = { key: `webchat/${id}`, customerKey: `webchat/customer-${id}`, channelId: 'webchat', language: 'fi' as const };
    await desks.customer.noteConversation(identity);
    for (const intent of intents) await desks.customer.noteAnswered(identity, intent);
    return identity;
  };
  const handOff = async (identity: { key: string; customerKey: string; channelId: string; language: 'fi' }, reason: HandoffReason, openedAt: string) => {
    at(openedAt);
    const { record } = await desks.customer.openCase({
      conversation: identity,
      reference: {},
      reason,
      signals: [reason],
      priority: reason === 'upset' ? 1 : reason === 'sensitive_topic' ? 2 : 3,
      score: null,
      summary: { headline: 'h', intent: null, topic: null, details: {}, sentiment: 'calm', upsetSignals: [], botSaid: [], firstMessage: 'x' },
    });
    return record.id;
  };
  const served = async (caseId: string, key: string, times: { claim: string; reply: string; close: string; rating: string }, score: number) => {
    at(times.claim);
    await desks.agent.claim(caseId, 'vili');
    at(times.reply);
    await desks.agent.recordAgentReply(caseId, 'vili');
    at(times.close);
    await desks.agent.close(caseId, 'vili', 'ratkaistu');
    at(times.rating);
    await desks.customer.backToBot(key, score);
  };

  const f = await conversation('F', '2026-11-20T08:00:00Z', ['billing']);
  const c1 = await handOff(f, 'upset', '2026-11-20T08:00:00Z');
  await served(c1, f.key, { claim: '2026-11-20T08:00:10Z', reply: '2026-11-20T08:00:30Z', close: '2026-11-20T08:05:00Z', rating: '2026-11-20T08:06:00Z' }, 4);

  const a = await conversation('A', '2026-11-23T07:10:00Z', ['greeting', 'opening_hours']);
  at('2026-11-23T07:12:00Z');
  await desks.customer.noteNotHelpful(a.key);

  const b = await conversation('B', '2026-11-23T07:40:00Z', ['billing']);
  const c2 = await handOff(b, 'sensitive_topic', '2026-11-23T07:40:00Z');
  await served(c2, b.key, { claim: '2026-11-23T07:41:00Z', reply: '2026-11-23T07:42:00Z', close: '2026-11-23T07:50:00Z', rating: '2026-11-23T07:51:00Z' }, 5);

  const c = await conversation('C', '2026-11-23T12:05:00Z', ['help', 'human_agent']);
  const c3 = await handOff(c, 'customer_request', '2026-11-23T12:05:00Z');
  await served(c3, c.key, { claim: '2026-11-23T12:10:00Z', reply: '2026-11-23T12:20:00Z', close: '2026-11-23T12:25:00Z', rating: '2026-11-23T12:30:00Z' }, 2);

  const d = await conversation('D', '2026-11-24T07:20:00Z', ['outage', 'human_agent']);
  await handOff(d, 'customer_request', '2026-11-24T07:21:00Z');
  at('2026-11-24T07:25:00Z');
  await desks.customer.abandon(d.key);

  await conversation('E', '2026-11-24T21:30:00Z', ['opening_hours']);
  await conversation('G', '2026-11-24T22:30:00Z', ['greeting']);
  at(DASHBOARD_NOW.toISOString());
}
