import { describe, expect, test } from '@jest/globals';
import { conversationKey } from '../../handoff/index.js';
import { MONDAY_MORNING, useSuiteBot } from '../support/suite-bot.js';

/** Registers this file's tests; test/dialogs/conversations-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function notHelpful(): void {
  const suite = useSuiteBot({ now: () => MONDAY_MORNING });

  const recordOf = async (conversationId: string) =>
    (await suite.bot.app.desk.reports.allRecords()).conversations.find((record) => record.key === conversationKey('emulator', conversationId));

  const messageOf = async (text: string, conversationId: string) =>
    (await suite.bot.send(text, { conversationId })).find((activity) => activity.type === 'message')!;

  describe('"that didn\'t help"', () => {
    test('in Finnish: apologises, offers a person first and the topics, and records which answer did not help', async () => {
      await messageOf('mitkä on teidän aukioloajat?', 'nh-fi');
      const message = await messageOf('ei auttanut, en kysynyt tuota', 'nh-fi');
      expect(message.text).toMatch(/^Pahoittelen, ettei vastaus auttanut\./);
      expect(message.text).toContain('toisin sanoin');
      const buttons = message.suggestedActions?.actions ?? [];
      expect(buttons.map((action) => action.title)).toEqual(['Puhu ihmiselle', 'Häiriöt', 'Aukioloajat', 'Tilauksen tila']);
      expect(buttons[0]!.value).toMatchObject({ intent: 'human_agent' });
      expect(await recordOf('nh-fi')).toMatchObject({ answeredIntents: ['opening_hours'], notHelpfulIntents: ['opening_hours'] });
    });

    test('in English: the same, and the person button opens a case', async () => {
      await messageOf('hello', 'nh-en');
      await messageOf('what can you help me with', 'nh-en');
      const message = await messageOf("that didn't help, it's not what I asked", 'nh-en');
      expect(message.text).toBe("Sorry that didn't help. Ask again in other words or choose a topic below. You can also talk to a person.");
      expect(message.suggestedActions?.actions.map((action) => action.title)).toEqual(['Talk to a person', 'Outages', 'Opening hours', 'Order status']);
      const before = await recordOf('nh-en');
      expect(before).toMatchObject({ outcome: 'contained', notHelpfulIntents: ['help'] });
      expect(before!.answeredIntents![0]).toBe('greeting');

      await suite.bot.send('Talk to a person', { conversationId: 'nh-en', value: { intent: 'human_agent' } });
      expect(await recordOf('nh-en')).toMatchObject({
        outcome: 'handed_off',
        answeredIntents: [...before!.answeredIntents!, 'human_agent'],
        notHelpfulIntents: ['help'],
      });
    });

    test('records answered intents in order, a repeat of the last one once, and each unhelpful intent once', async () => {
      await messageOf('hei', 'nh-order');
      await messageOf('milloin olette auki?', 'nh-order');
      await messageOf('entä lauantaina?', 'nh-order');
      await messageOf('ei auttanut', 'nh-order');
      await messageOf('ei vastannut kysymykseeni', 'nh-order');
      const record = await recordOf('nh-order');
      expect(record!.answeredIntents).toEqual(['greeting', 'opening_hours']);
      expect(record!.notHelpfulIntents).toEqual(['opening_hours']);
    });

    test('a handoff on a recognised intent counts as the answer to it', async () => {
      await messageOf('miksi laskussani on virhe?', 'nh-billing');
      expect(await recordOf('nh-billing')).toMatchObject({ outcome: 'handed_off', answeredIntents: ['billing'] });
    });

    test('said first, before any answer, it still gets the reply and marks nothing', async () => {
      const message = await messageOf('that did not help', 'nh-first');
      expect(message.text).toMatch(/^Sorry that didn't help/);
      const record = await recordOf('nh-first');
      // The record is started even though the turn answered nothing it could note.
      expect(record).toMatchObject({ owner: 'bot', outcome: 'contained' });
      expect(record!.answeredIntents).toBeUndefined();
      expect(record!.notHelpfulIntents).toBeUndefined();
    });

    test('a first message the bot does not understand still starts the conversation record', async () => {
      await messageOf('qwzx plorb vrank', 'nh-not-understood');
      const record = await recordOf('nh-not-understood');
      expect(record).toMatchObject({ owner: 'bot', outcome: 'contained' });
      expect(record!.answeredIntents).toBeUndefined();
    });
  });
}
