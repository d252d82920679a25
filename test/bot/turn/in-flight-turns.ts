import { describe, expect, test } from '@jest/globals';
import type { Activity, TurnContext } from 'botbuilder';
import { DirectLineAdapter } from '../../../bot/channels/directline/directline-adapter.js';
import { DirectLineConversations } from '../../../bot/channels/directline/directline-conversations.js';
import { memoryDirectLineLog } from '../../../bot/channels/directline/directline-log.js';
import { InFlightTurns } from '../../../bot/turn/in-flight-turns.js';

/** Registers this file's tests; ./turns-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function inFlightTurns(): void {
  const LIMITS = { historyPerConversation: 100, historyBytesPerConversation: 100_000, maxConversations: 10, idleMs: 60_000, emptyMs: 60_000 };
  const message = (text: string) => ({ type: 'message', text, conversation: { id: 'queued' }, from: { id: 'customer', role: 'user' } }) as Activity;

  function gate(): { open: () => void; passed: Promise<void> } {
    let open!: () => void;
    const passed = new Promise<void>((resolve) => (open = resolve));
    return { open, passed };
  }

  describe('InFlightTurns with the built-in Direct Line', () => {
    test('a turn queued behind an earlier turn of its conversation counts as in flight, so a shutdown waits for it too', async () => {
      const conversations = new DirectLineConversations(LIMITS);
      const inFlight = new InFlightTurns();
      const adapter = new DirectLineAdapter(memoryDirectLineLog(conversations), { id: 'bot', name: 'Bot', role: 'bot' }, inFlight.track);
      adapter.use(inFlight);
      const gates: Record<string, ReturnType<typeof gate>> = { first: gate(), second: gate() };
      const done: string[] = [];
      const logic = async (context: TurnContext) => {
        await gates[context.activity.text]!.passed;
        done.push(context.activity.text);
      };
      try {
        const first = adapter.processActivity(message('first'), logic);
        const second = adapter.processActivity(message('second'), logic);
        // The shutdown starts waiting while the first turn runs and the second waits in the conversation's queue.
        const idle = inFlight.idle(10_000).then((finished) => done.push(`idle, all finished: ${finished}`));
        gates.first!.open();
        await first;
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(done).toEqual(['first']);
        expect(inFlight.count).toBeGreaterThan(0);
        gates.second!.open();
        await second;
        await idle;
        expect(done).toEqual(['first', 'second', 'idle, all finished: true']);
        expect(inFlight.count).toBe(0);
      } finally {
        conversations.close();
      }
    });
  });
}
