import { describe, expect, test } from '@jest/globals';
import { maskActivity } from '../../../core/index.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function privacyMaskActivity(): void {
  const CARD = '4111 1111 1111 1111';

  describe('maskActivity', () => {
    test('masks every string a customer or channel wrote: text, value, channelData, attachments, entities, suggested actions, names', () => {
      const activity = {
        type: 'message',
        id: 'a-1',
        text: `card ${CARD}`,
        value: { note: CARD, nested: [{ iban: 'FI21 1234 5600 0007 85' }] },
        channelData: { message: { text: `raw ${CARD}`, quick_reply: { payload: '{"value":{"card":"6011111111111117"}}' } } },
        attachments: [{ contentType: 'image/png', name: `${CARD}.png`, contentUrl: `https://example.com/${CARD.replace(/ /g, '')}`, content: { text: CARD } }],
        entities: [{ type: 'mention', text: '131052-308T' }],
        suggestedActions: { to: [], actions: [{ type: 'imBack', title: CARD, value: CARD }] },
        from: { id: 'user-1', name: '131052-308T', role: 'user' },
        recipient: { id: 'bot', name: `bot ${CARD}` },
        conversation: { id: 'c-1', name: `about ${CARD}` },
      };
      const { activity: masked, found } = maskActivity(activity);
      expect(JSON.stringify(masked)).not.toMatch(/4111|6011111111111117|1234 5600|131052/);
      expect(masked.text).toBe('card [CARD]');
      expect(masked.value).toEqual({ note: '[CARD]', nested: [{ iban: '[IBAN]' }] });
      expect(masked.from).toEqual({ id: 'user-1', name: '[HETU]', role: 'user' });
      expect(found).toEqual(['card', 'iban', 'hetu']);
      expect(activity.text).toBe(`card ${CARD}`);
    });

    test('leaves ids alone even when they look like a card, so conversation keys still work', () => {
      const psid = '4111111111111111';
      const activity = {
        type: 'message',
        id: psid,
        channelId: 'facebook',
        conversation: { id: `${psid}-page` },
        from: { id: psid, name: '' },
        recipient: { id: psid },
        replyToId: psid,
        text: 'hei',
      };
      expect(maskActivity(activity)).toEqual({ activity, found: [] });
    });

    test('masks object keys too, and keeps a "__proto__" key as plain data', () => {
      const value = JSON.parse(`{"${CARD}": 1, "__proto__": {"polluted": "${CARD}"}}`) as Record<string, unknown>;
      const { activity } = maskActivity({ type: 'message', value });
      expect(Object.keys(activity.value)).toEqual(['[CARD]', '__proto__']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(JSON.stringify(activity)).not.toContain('4111');
    });

    test('drops a subtree nested too deep to walk instead of keeping it unread', () => {
      let deep: unknown = CARD;
      for (let level = 0; level < 1000; level++) deep = { level: deep };
      const { activity } = maskActivity({ type: 'message', value: deep });
      expect(JSON.stringify(activity)).not.toContain('4111');
    });
  });
}
