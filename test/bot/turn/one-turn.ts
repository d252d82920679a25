import { afterEach, describe, expect, test } from '@jest/globals';
import { MemoryStorage, type Activity } from 'botbuilder';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { JournalFaults } from '../../support/journal-faults.js';
import { startTestBot, type TestBot } from '../../support/test-bot.js';

/** Registers this file's tests; ./turns-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function oneTurn(): void {
  // Monday 23 November 2026, 10:00 in Helsinki: agents (chat) are on duty 8-18.
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');

  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  const texts = (activities: Activity[]) => activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');

  describe('one turn, decided once, through the real endpoint', () => {
    test('with DEFAULT_LANGUAGE=en an English dialog stays English even when the saved state lacks the language', async () => {
      // State saved by an earlier version had no `language`; the dialog used to fall back to a hard-coded Finnish.
      const storage = new MemoryStorage();
      bot = await startTestBot({ env: { DEFAULT_LANGUAGE: 'en' }, now: () => MONDAY_MORNING, overrides: { storage } });
      const chat = { conversationId: 'english-dialog', from: { id: 'customer-english-dialog' } };
      expect(await bot.say('where is my order', chat)).toEqual([expect.stringMatching(/^I'll check your order\. What is your order number\?/)]);

      const key = 'emulator/conversations/english-dialog/';
      const saved = (await storage.read([key]))[key] as { vastaa: { language?: string } };
      delete saved.vastaa.language;
      await storage.write({ [key]: { ...saved, eTag: '*' } });

      expect(await bot.say('123456', chat)).toEqual([expect.stringMatching(/^Thanks\. To make sure order 123456 is yours/)]);
    });

    test('apologises for a failed turn in the language of the conversation, not in DEFAULT_LANGUAGE', async () => {
      // The first message fails before anything saved its language: the journal cannot be written.
      const journal = new JournalFaults();
      bot = await startTestBot({ env: { DEFAULT_LANGUAGE: 'fi' }, now: () => MONDAY_MORNING, overrides: { openJournal: journal.open } });
      journal.writeFails = 'ENOSPC';
      const replies = await bot.say('what are your opening hours on sunday', { conversationId: 'failing-english' });
      expect(replies.at(-1)).toMatch(/^I'm sorry, I can't save our conversation right now/);
      expect(replies.join('\n')).not.toMatch(/Olen pahoillani/);
    });

    test("a handoff's transcript holds the earlier turns and this turn's activities, each once", async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING });
      const chat = { conversationId: 'transcript-once', locale: 'en-US', from: { id: 'customer-transcript' } };
      const [hours] = await bot.say('what are your opening hours', chat);
      const replies = await bot.send('I want to talk to a person', chat);
      const event = replies.find((a) => a.type === 'event' && a.name === 'handoff.initiate');
      const transcript = (event?.attachments?.[0]?.content as { activities: Activity[] }).activities;
      expect(transcript.map((a) => a.text)).toEqual(['what are your opening hours', hours, 'I want to talk to a person', texts(replies)[0]]);
      expect(transcript.every((a) => a.type !== 'trace')).toBe(true);
    });

    test('the cancel words come from messages/bot.yaml: an editor adds one and it cancels a waiting request', async () => {
      bot = await startTestBot({ copyContent: true, now: () => MONDAY_MORNING });
      const chat = { conversationId: 'cancel-words', locale: 'fi-FI', from: { id: 'customer-cancel' } };
      await bot.say('haluan puhua ihmisen kanssa', chat);
      expect((await bot.say('en jaksa odottaa', chat))[0]).toMatch(/^Kiitos, lisäsin tämän asiaasi\./);

      const file = path.join(bot.contentDir, 'messages/bot.yaml');
      const yaml = await readFile(file, 'utf8');
      await writeFile(file, yaml.replace('      peruuta pyyntö\n', '      peruuta pyyntö\n      en jaksa odottaa\n'));
      expect((await bot.app.content.reload()).ok).toBe(true);

      expect(await bot.say('En jaksa odottaa!', chat)).toEqual([expect.stringMatching(/^Selvä, peruin pyynnön\./)]);
    });

    test('the shipped cancel words cancel a waiting request in either language', async () => {
      bot = await startTestBot({ now: () => MONDAY_MORNING });
      for (const [id, locale, words, cancelled] of [
        ['cancel-fi', 'fi-FI', 'peruuta pyyntö', /^Selvä, peruin pyynnön\./],
        ['cancel-en', 'en-US', 'cancel request', /^OK, I've cancelled the request\./],
      ] as const) {
        const chat = { conversationId: id, locale, from: { id: `customer-${id}` } };
        await bot.say(locale === 'fi-FI' ? 'haluan puhua ihmisen kanssa' : 'I want to talk to a person', chat);
        expect(await bot.say(words, chat)).toEqual([expect.stringMatching(cancelled)]);
      }
    });
  });
}
