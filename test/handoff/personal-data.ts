import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this file's tests; test/handoff/handoffs-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function personalData(): void {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: () => new Date('2026-11-23T08:00:00Z') });
  });
  afterAll(async () => bot.stop());

  async function everythingOnDisk(): Promise<string> {
    await bot.app.transcripts.flush();
    const files = (await readdir(bot.dataDir, { recursive: true }))
      .map((name) => path.join(bot.dataDir, String(name)))
      .filter((name) => /\.jsonl?$/.test(name));
    return (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
  }

  describe('personal data in a customer message', () => {
    test.each([
      [
        'card',
        'fi-FI',
        'korttini numero on 4111 1111 1111 1111, miksi veloitus ei mennyt läpi',
        '4111 1111 1111 1111',
        '[CARD]',
        'Piilotin viestistäsi henkilö- tai maksutietoja. Älä lähetä kortin numeroa',
      ],
      [
        'iban',
        'en-US',
        'please refund to FI21 1234 5600 0007 85 today',
        'FI21 1234 5600 0007 85',
        '[IBAN]',
        'I hid personal or payment details in your message. Do not send card numbers',
      ],
      ['hetu', 'fi-FI', 'henkilötunnukseni on 131052-308T, tarkistakaa tietoni', '131052-308T', '[HETU]', 'Piilotin viestistäsi henkilö- tai maksutietoja.'],
    ])(
      'masks a %s before anything stores or logs it, tells the customer not to send it, and hands off privately',
      async (kind, locale, text, secret, token, warning) => {
        const replies: Activity[] = await bot.send(text, { conversationId: `pii-${kind}`, from: { id: `pii-user-${kind}` }, locale });
        const message = replies.find((a) => a.type === 'message')?.text ?? '';
        expect(message.startsWith(warning)).toBe(true);
        const event = replies.find((a) => a.name === 'handoff.initiate');
        expect(event?.value).toMatchObject({ reason: 'sensitive_topic', priority: 2 });
        expect(event?.value.signals).toContain(`sensitive_topic:personal_data:${kind}`);
        const transcript = event?.attachments?.[0]?.content as { activities: Activity[] };
        expect(transcript.activities[0]?.text).toContain(token);
        expect(JSON.stringify(replies)).not.toContain(secret);

        const stored = await everythingOnDisk();
        expect(stored).toContain(token);
        expect(stored).not.toContain(secret);
        expect(bot.logs.join('\n')).not.toContain(secret);
        expect((await bot.app.desk.agent.getCase(event?.value.caseId)).summary.firstMessage).toContain(token);
      },
    );

    test('order numbers and phone numbers stay readable: they pass no checksum', async () => {
      await bot.send('tilaukseni 1234567890123 ei ole tullut, soittakaa 040 123 4567', { conversationId: 'not-pii' });
      await bot.app.transcripts.flush();
      const [stored] = await bot.app.transcripts.allActivities('emulator', 'not-pii');
      expect(stored?.text).toBe('tilaukseni 1234567890123 ei ole tullut, soittakaa 040 123 4567');
    });
  });
}
