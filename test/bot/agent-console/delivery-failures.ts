import { afterEach, expect, test } from '@jest/globals';
import type { DeliveryFailure } from '../../../bot/agent-console/index.js';
import { startConsoleBot, VILI, type ConsoleBot } from '../../support/console-bot.js';

/** Registers this file's tests; ./console-views-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function deliveryFailures(): void {
  let bot: ConsoleBot | undefined;
  afterEach(async () => bot?.stop());

  test("a message the customer's channel could not deliver shows as a note on their open case", async () => {
    const listeners: ((failure: DeliveryFailure) => void)[] = [];
    bot = await startConsoleBot({ deliveryFailures: [{ onSendFailure: (listener) => (listeners.push(listener), () => undefined) }] });
    const replies = await bot.customerSays('haluan puhua ihmisen kanssa', { conversationId: 'undelivered' });
    const caseId = replies.find((activity) => activity.name === 'handoff.initiate')?.value?.caseId as string;

    for (const listener of listeners)
      listener({
        channelId: 'emulator',
        conversationId: 'undelivered',
        kind: 'outside_window',
        message: 'the 24-hour window has closed',
        text: 'Hei, katson asiaa.',
      });

    const cookie = await bot.signIn(VILI);
    let notes: { agent: string; text: string }[] = [];
    for (let tries = 0; tries < 50 && notes.length === 0; tries++) {
      notes = (await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie })).body.case.notes;
      if (notes.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(notes).toEqual([
      {
        at: expect.any(String),
        agent: 'system',
        text: '⚠ emulator: message "Hei, katson asiaa." not delivered (outside_window): the 24-hour window has closed',
      },
    ]);
  });
}
