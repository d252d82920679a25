import { beforeAll, describe, expect, test } from '@jest/globals';
import { cannedVariablesOf, hoursTodayFrom, ratingOf } from '../../../bot/agent-console/canned-variables.js';
import type { Caller } from '../../../bot/agent-console/console-auth.js';
import { loadContent, type Content } from '../../../core/content/index.js';
import { caseRecord } from '../store/contracts/handoff-store-contract.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; ./console-routes-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function cannedVariables(): void {
  // The values canned replies' {variables} take, from the shipped opening hours and messages.
  let content: Content;
  beforeAll(async () => {
    const loaded = await loadContent(PROJECT_ROOT);
    expect(loaded.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    content = loaded.content;
  });

  const vili = { agent: { login: 'vili', name: 'Vili', language: 'fi', role: 'agent' } } as unknown as Caller;
  const at = (iso: string) => () => new Date(iso);

  describe("canned replies' variables", () => {
    test("today's hours are the customer's channel's (webchat and Messenger answer in the chat), in the customer's language", () => {
      const monday = hoursTodayFrom(() => content, at('2026-11-23T08:00:00.000Z'));
      expect(monday('webchat', 'fi')).toBe('Tänään 23.11. chat on auki 8–18.');
      expect(monday('facebook', 'en')).toMatch(/^Today \(23 November\), (the )?chat is open 8:00–18:00\.$/);
      expect(monday('phone', 'fi')).toBe('Tänään 23.11. puhelin on auki 9–16.');
    });

    test('on a day the chat is closed, the hours say so', () => {
      const christmas = hoursTodayFrom(() => content, at('2026-12-25T10:00:00.000Z'));
      expect(christmas('webchat', 'fi')).toMatch(/chat on kiinni\.$/);
    });

    test("the agent's name and the order number come from the case; a missing order number is left out, not empty", () => {
      const hours = () => 'Tänään 23.11. chat on auki 8–18.';
      const withOrder = caseRecord('C-1', { summary: { ...caseRecord('C-1').summary, details: { orderNumber: '987654' } } });
      expect(cannedVariablesOf(withOrder, vili, hours)).toEqual({
        agent: 'Vili',
        orderNumber: '987654',
        openingHoursToday: 'Tänään 23.11. chat on auki 8–18.',
      });
      expect(cannedVariablesOf(caseRecord('C-2'), vili, () => undefined)).toEqual({ agent: 'Vili' });
    });

    test("the customer's rating belongs to the case it names, with the comment when there is one", () => {
      const rating = { score: 4, at: '2026-11-23T09:00:00.000Z', caseId: 'C-1', comment: 'Nopeaa apua' };
      expect(ratingOf({ rating }, 'C-1')).toEqual({ score: 4, at: rating.at, comment: 'Nopeaa apua' });
      expect(ratingOf({ rating: { ...rating, comment: undefined } }, 'C-1')).toEqual({ score: 4, at: rating.at, comment: null });
      expect(ratingOf({ rating }, 'C-2')).toBeNull();
      expect(ratingOf(undefined, 'C-1')).toBeNull();
    });
  });
}
