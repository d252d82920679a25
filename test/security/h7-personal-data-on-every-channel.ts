import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { REVIEW_H7_VARIANTS, type ReviewVariant } from '../fixtures/review-h7-variants.js';
import { DirectLineClient } from '../support/direct-line-client.js';
import { MESSENGER_APP_SECRET, startChannelsAndConsoleBot, type ChannelsAndConsoleBot } from '../support/channels-and-console-bot.js';
import { postSignedWebhook } from '../support/messenger-webhook.js';

/** Registers this finding's tests; ./findings-h6-to-l12.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function h7PersonalDataOnEveryChannel(): void {
  // The review (H7) sent 31 ways of writing a card, an IBAN and a henkilötunnus, each as the first
  // message of a new conversation, on /api/messages, the built-in Direct Line and a signed Messenger
  // webhook, then searched everything the bot keeps or sends on. One server runs all three channels and
  // the agent console; every variant gets its own conversation on every channel.

  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');

  const digitsOnly = (text: string) => text.normalize('NFKC').replace(/\D/g, '');

  let bot: ChannelsAndConsoleBot;
  beforeAll(async () => {
    bot = await startChannelsAndConsoleBot({ now: () => MONDAY_MORNING });
  });
  afterAll(async () => bot?.stop());

  /** Every string (and object key) in a JSON value. */
  function stringsIn(value: unknown, into: string[] = []): string[] {
    if (typeof value === 'string') into.push(value);
    else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, into));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        into.push(key);
        stringsIn(item, into);
      }
    }
    return into;
  }

  /** Every string the bot keeps in DATA_DIR: transcripts, conversation state, the handoff snapshot and journal. */
  async function stringsOnDisk(): Promise<string[]> {
    await bot.app.transcripts.flush();
    const strings: string[] = [];
    for (const name of await readdir(bot.dataDir, { recursive: true })) {
      const file = path.join(bot.dataDir, String(name));
      if (file.endsWith('agents.yaml')) continue;
      const content = await readFile(file, 'utf8').catch(() => undefined);
      if (content === undefined) continue;
      for (const line of content.split('\n')) {
        try {
          stringsIn(JSON.parse(line), strings);
        } catch {
          strings.push(line);
        }
      }
      try {
        stringsIn(JSON.parse(content), strings);
      } catch {
        // a journal: read line by line above
      }
    }
    return strings;
  }

  /** Every case as the agent console shows it: the case and its transcript (GET /api/agent/cases/{id}). */
  async function caseViews(): Promise<any[]> {
    const { queue } = await bot.agentGet('/api/agent/cases');
    return Promise.all((queue as { id: string }[]).map((item) => bot.agentGet(`/api/agent/cases/${item.id}`)));
  }

  /** Which of the variants' digits (or written forms) appear in `strings`, with where. */
  function leaksOf(variants: readonly ReviewVariant[], strings: string[], where: string): string[] {
    const leaks: string[] = [];
    for (const variant of variants) {
      const leaked = strings.find((text) => digitsOnly(text).includes(variant.digits));
      if (leaked !== undefined) leaks.push(`${where}: ${variant.name}: ${JSON.stringify(leaked.slice(0, 200))}`);
    }
    return leaks;
  }

  function signedWebhook(body: unknown): Promise<Response> {
    return postSignedWebhook(bot.url, MESSENGER_APP_SECRET, JSON.stringify(body));
  }

  function messengerEvent(customer: string, fields: Record<string, unknown>) {
    const timestamp = MONDAY_MORNING.getTime();
    return {
      object: 'page',
      entry: [{ id: 'page-h7', time: timestamp, messaging: [{ sender: { id: customer }, recipient: { id: 'page-h7' }, timestamp, ...fields }] }],
    };
  }

  /** The three ways in, each sending one activity as the first message of a new conversation; returns what the channel gave back. */
  const CHANNELS = {
    async apiMessages(conversation: string, activity: Record<string, unknown>): Promise<unknown[]> {
      const answer = await bot.post({ conversation: { id: conversation }, from: { id: `user-${conversation}` }, locale: 'fi-FI', ...activity });
      expect(answer.status).toBe(200);
      return (answer.body as { activities: unknown[] }).activities;
    },
    async directLine(_conversation: string, activity: Partial<Activity>): Promise<unknown[]> {
      const client = new DirectLineClient(`${bot.url}/v3/directline`);
      await client.start();
      const posted = await client.post(activity);
      expect(posted.status).toBe(200);
      // The whole conversation as Web Chat reads it back: the customer's echo, the replies, handoff.initiate.
      return (await client.poll()).body.activities;
    },
    async messenger(conversation: string, fields: Record<string, unknown>): Promise<unknown[]> {
      const before = bot.graphCalls.length;
      expect((await signedWebhook(messengerEvent(conversation, fields))).status).toBe(200);
      await bot.channels.messenger!.settled();
      return bot.graphCalls.slice(before);
    },
  };

  describe("H7: the review's 31 ways of writing personal data, as the first message on every channel", () => {
    const forwarded: string[] = [];
    const handedOff: string[] = [];

    beforeAll(async () => {
      for (const [index, variant] of REVIEW_H7_VARIANTS.entries()) {
        const replies = await CHANNELS.apiMessages(`h7-api-${index}`, { text: variant.message });
        stringsIn(replies, forwarded);
        if (replies.some((activity) => (activity as Activity).name === 'handoff.initiate')) handedOff.push(`api ${variant.name}`);
        const history = await CHANNELS.directLine(`h7-dl-${index}`, { type: 'message', text: variant.message });
        stringsIn(history, forwarded);
        if (history.some((activity) => (activity as Activity).name === 'handoff.initiate')) handedOff.push(`directline ${variant.name}`);
        stringsIn(await CHANNELS.messenger(`psid-h7-${index}`, { message: { mid: `mid-h7-${index}`, text: variant.message } }), forwarded);
      }
    }, 120_000);

    test('each one is recognised, so the customer is handed to a person, on /api/messages and Direct Line', () => {
      expect(handedOff).toHaveLength(2 * REVIEW_H7_VARIANTS.length);
    });

    test('none reaches the HTTP replies, the Direct Line history (the echo included), the handoff.initiate event or the Send API', () => {
      expect(leaksOf(REVIEW_H7_VARIANTS, forwarded, 'forwarded')).toEqual([]);
      expect(['[CARD]', '[IBAN]', '[HETU]'].every((token) => forwarded.some((text) => text.includes(token)))).toBe(true);
    });

    test('none reaches the transcripts, the conversation state, or the handoff snapshot and journal on disk', async () => {
      const onDisk = await stringsOnDisk();
      expect(leaksOf(REVIEW_H7_VARIANTS, onDisk, 'DATA_DIR')).toEqual([]);
      expect(onDisk.filter((text) => text.includes('[CARD]')).length).toBeGreaterThan(3 * 14);
    });

    test('none reaches the agent console: every channel opened a case, and no case view holds the value', async () => {
      const views = await caseViews();
      const byChannel = (channelId: string) => views.filter((view) => view.case.channelId === channelId).length;
      expect([byChannel('emulator'), byChannel('vastaa-directline'), byChannel('facebook')]).toEqual([31, 31, 31]);
      expect(leaksOf(REVIEW_H7_VARIANTS, stringsIn(views), 'console')).toEqual([]);
    });

    test('none reaches the log at LOG_LEVEL=debug', () => {
      expect(leaksOf(REVIEW_H7_VARIANTS, bot.logs, 'log')).toEqual([]);
    });
  });

  describe('H7: personal data in fields other than the text', () => {
    const CARD: ReviewVariant = { name: 'card', kind: 'card', message: '', digits: '4111111111111111' };
    const DISCOVER: ReviewVariant = { name: 'card in a payload', kind: 'card', message: '', digits: '6011111111111117' };
    const IBAN: ReviewVariant = { name: 'IBAN', kind: 'iban', message: '', digits: '2112345600000785' };
    const HETU: ReviewVariant = { name: 'hetu', kind: 'hetu', message: '', digits: '131052308' };
    const ALL = [CARD, DISCOVER, IBAN, HETU];
    const forwarded: string[] = [];

    beforeAll(async () => {
      stringsIn(
        await CHANNELS.apiMessages('h7-fields-api', {
          text: 'katsokaa liitettä',
          from: { id: 'user-h7-fields-api', name: 'Matti 131052-308T' },
          value: { card: '4111 1111 1111 1111' },
          channelData: { account: 'FI21 1234 5600 0007 85' },
          attachments: [{ contentType: 'text/plain', name: '4111111111111111.txt', content: { note: '6011 1111 1111 1117' } }],
          entities: [{ type: 'note', text: 'hetu 131052-308T' }],
          conversation: { id: 'h7-fields-api', name: 'FI21 1234 5600 0007 85' },
        }),
        forwarded,
      );
      stringsIn(
        await CHANNELS.directLine('h7-fields-dl', {
          type: 'message',
          text: 'katsokaa',
          from: { id: 'x', name: 'Matti 131052-308T' },
          value: { card: '4111 1111 1111 1111' },
          channelData: { account: 'FI21 1234 5600 0007 85', note: '6011111111111117' },
        }),
        forwarded,
      );
      stringsIn(
        await CHANNELS.messenger('psid-h7-quick-reply', {
          message: {
            mid: 'mid-h7-qr',
            text: 'kortti',
            quick_reply: { payload: '{"value":{"card":"6011111111111117"}}' },
            attachments: [{ type: 'image', payload: { url: 'https://cdn.example/4111111111111111.png' } }],
          },
        }),
        forwarded,
      );
      stringsIn(
        await CHANNELS.messenger('psid-h7-postback', { postback: { mid: 'mid-h7-pb', title: 'FI21 1234 5600 0007 85', payload: '6011111111111117' } }),
        forwarded,
      );
    }, 60_000);

    test('a card in value, an IBAN in channelData, a hetu in from.name, attachments and entities are masked before they are forwarded', () => {
      expect(leaksOf(ALL, forwarded, 'forwarded')).toEqual([]);
    });

    test("Messenger's raw webhook event, quick-reply and postback payloads and attachment URLs never reach the disk", async () => {
      expect(leaksOf(ALL, await stringsOnDisk(), 'DATA_DIR')).toEqual([]);
    });

    test('none of them reaches the agent console or the log', async () => {
      expect(leaksOf(ALL, stringsIn(await caseViews()), 'console')).toEqual([]);
      expect(leaksOf(ALL, bot.logs, 'log')).toEqual([]);
    });
  });
}
