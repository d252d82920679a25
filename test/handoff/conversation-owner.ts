import { CONVERSATION_OWNERS, OWNER_TRANSITIONS, transitionOwner, type ConversationOwner } from '../../handoff/index.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function conversationOwnerTests(): void {
  const at = new Date('2025-03-01T10:00:00Z');

  describe('transitionOwner', () => {
    test('records a handoff from the bot to the queue with time and actor', () => {
      expect(transitionOwner('bot', 'queued', at, 'bot')).toEqual({ from: 'bot', to: 'queued', at: '2025-03-01T10:00:00.000Z', by: 'bot' });
    });

    test('follows a whole case: queued, claimed, transferred, claimed again, closed, reopened', () => {
      const path: ConversationOwner[] = ['bot', 'queued', 'agent', 'queued', 'agent', 'closed', 'bot'];
      const history = path.slice(1).map((next, index) => transitionOwner(path[index]!, next, at, 'agent:anna'));
      expect(history.map((entry) => `${entry.from}->${entry.to}`)).toEqual([
        'bot->queued',
        'queued->agent',
        'agent->queued',
        'queued->agent',
        'agent->closed',
        'closed->bot',
      ]);
    });

    test('lets a waiting customer go back to the bot', () => {
      expect(transitionOwner('queued', 'bot', at, 'customer').to).toBe('bot');
    });

    test('refuses a late claim on a closed case, naming the function and both states', () => {
      expect(() => transitionOwner('closed', 'agent', at, 'agent:anna')).toThrow(
        'transitionOwner(): cannot go from closed to agent (from closed only bot is allowed)',
      );
    });

    test('refuses every change the table does not list, including staying put', () => {
      const owners = Object.values(CONVERSATION_OWNERS);
      for (const from of owners) {
        for (const to of owners) {
          const allowed = OWNER_TRANSITIONS[from].includes(to);
          if (allowed) expect(() => transitionOwner(from, to, at, 'test')).not.toThrow();
          else expect(() => transitionOwner(from, to, at, 'test')).toThrow(`transitionOwner(): cannot go from ${from} to ${to}`);
        }
      }
    });

    test('refuses an invalid date rather than storing "Invalid Date"', () => {
      expect(() => transitionOwner('bot', 'queued', new Date('nonsense'), 'bot')).toThrow(
        'transitionOwner(): the time of the change from bot to queued is an invalid date',
      );
    });
  });
}
