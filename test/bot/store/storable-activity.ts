import { runInNewContext } from 'node:vm';
import type { Activity } from 'botbuilder';
import { storableActivity } from '../../../bot/store/storable-activity.js';

/** Registers this file's tests; ./stores.test.ts runs them in a describe block of their own, one jest file for several. */
export default function storableActivityTests(): void {
  const maskDigits = (text: string) => text.replace(/\d/g, '#');

  describe('the copy of an activity a transcript keeps', () => {
    test('masks a card number in nested content, not only in the text', () => {
      const activity = {
        type: 'message',
        text: 'kortti 4111 1111 1111 1111',
        channelData: { card: { note: '4111 1111 1111 1111' }, lines: ['4111 1111 1111 1111'] },
      } as unknown as Activity;
      const stored = storableActivity(activity, maskDigits);
      expect(JSON.stringify(stored)).not.toMatch(/4111/);
      expect(stored.channelData).toEqual({ card: { note: '#### #### #### ####' }, lines: ['#### #### #### ####'] });
    });

    test('masks nested content beside a class instance too (the copy made by structuredClone)', () => {
      class Receipt {
        constructor(readonly note: string) {}
      }
      const activity = {
        type: 'message',
        text: 'kortti',
        channelData: { receipt: new Receipt('4111 1111 1111 1111'), card: { note: '4111 1111 1111 1111' } },
      } as unknown as Activity;
      const stored = storableActivity(activity, maskDigits);
      expect(JSON.stringify(stored)).not.toMatch(/4111/);
      expect(stored.channelData).toEqual({ receipt: { note: '#### #### #### ####' }, card: { note: '#### #### #### ####' } });
    });

    test('masks objects made in another realm like our own', () => {
      const foreign = runInNewContext('({ type: "message", text: "4111 1111 1111 1111", value: { card: "4111 1111 1111 1111" } })') as Activity;
      const stored = storableActivity(foreign, maskDigits);
      expect(JSON.stringify(stored)).not.toMatch(/4111/);
    });

    test('does not change when the activity is changed after it was logged', () => {
      const activity = { type: 'message', text: 'hei', value: { items: [{ note: 'first' }] }, from: { id: 'c1', name: 'Anna' } } as unknown as Activity;
      const stored = storableActivity(activity, (text) => text);
      (activity.value as { items: { note: string }[] }).items[0]!.note = 'changed';
      activity.from.name = 'changed';
      expect(stored.value).toEqual({ items: [{ note: 'first' }] });
      expect(stored.from.name).toBe('Anna');
    });

    test('keeps the timestamp and drops the transcript attached to a handoff event', () => {
      const timestamp = new Date('2026-11-27T10:00:00Z');
      const activity = {
        type: 'event',
        name: 'handoff.initiate',
        timestamp,
        attachments: [{ contentType: 'application/json', content: { transcript: [] } }],
      } as unknown as Activity;
      const stored = storableActivity(activity, (text) => text);
      expect(stored.attachments).toBeUndefined();
      expect(JSON.parse(JSON.stringify(stored))).toEqual({ type: 'event', name: 'handoff.initiate', timestamp: '2026-11-27T10:00:00.000Z' });
      expect(activity.attachments).toHaveLength(1);
    });
  });
}
