import { describe, expect, test } from '@jest/globals';
import type { Activity, TranscriptStore } from 'botbuilder';

export interface TranscriptStoreHarness {
  open(): Promise<TranscriptStore>;
  /** A new instance on the same data, as after a restart. */
  reopen(): Promise<TranscriptStore>;
  /** Waits for writes the store accepted but may still be doing (the logger middleware does not wait). */
  settle(store: TranscriptStore): Promise<void>;
}

let sequence = 0;
export function activity(conversationId: string, text: string, fields: Partial<Activity> = {}): Activity {
  sequence += 1;
  return {
    type: 'message',
    id: `a-${sequence}`,
    channelId: 'emulator',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'customer-1', name: '', role: 'user' },
    recipient: { id: 'bot', name: 'Vastaa', role: 'bot' },
    timestamp: new Date(Date.UTC(2026, 10, 27, 10, 0, sequence % 60)),
    text,
    ...fields,
  } as Activity;
}

async function everything(store: TranscriptStore, channelId: string, conversationId: string): Promise<Activity[]> {
  const all: Activity[] = [];
  let token: string | undefined;
  do {
    const page = await store.getTranscriptActivities(channelId, conversationId, token);
    all.push(...page.items);
    token = page.continuationToken || undefined;
  } while (token);
  return all;
}

/** The botbuilder TranscriptStore behaviour the handoff and the agent console rely on, for every implementation. */
export function transcriptStoreContract(name: string, harness: () => TranscriptStoreHarness): void {
  describe(`${name} keeps the TranscriptStore contract`, () => {
    test('returns a conversation’s activities in the order they were logged', async () => {
      const h = harness();
      const store = await h.open();
      for (const text of ['moi', 'onko sähkökatkoa?', 'kiitos']) await store.logActivity(activity('c-1', text));
      await store.logActivity(activity('c-2', 'another conversation'));
      await h.settle(store);
      expect((await everything(store, 'emulator', 'c-1')).map((item) => item.text)).toEqual(['moi', 'onko sähkökatkoa?', 'kiitos']);
    });

    test('activities logged back to back without waiting (as the logger middleware does) keep their order', async () => {
      const h = harness();
      const store = await h.open();
      const texts = Array.from({ length: 30 }, (_, i) => `message ${i}`);
      const logged: Promise<void>[] = [];
      for (const [i, text] of texts.entries()) {
        logged.push(Promise.resolve(store.logActivity(activity('back-to-back', text))));
        // Some arrive while the previous append is still being written, some in the same tick.
        if (i % 7 === 3) await logged[i];
      }
      await Promise.all(logged);
      await h.settle(store);
      expect((await everything(store, 'emulator', 'back-to-back')).map((item) => item.text)).toEqual(texts);
    });

    test('a long conversation comes back whole across pages', async () => {
      const h = harness();
      const store = await h.open();
      await Promise.all(Array.from({ length: 620 }, (_, i) => store.logActivity(activity('long', `message ${i}`))));
      await h.settle(store);
      const all = await everything(store, 'emulator', 'long');
      expect(all).toHaveLength(620);
      expect(new Set(all.map((item) => item.text)).size).toBe(620);
    });

    test('a NUL character a customer typed does not stop the transcript; the rest of the text is kept', async () => {
      const h = harness();
      const store = await h.open();
      await store.logActivity(activity('c-1', 'moi\u0000 hei'));
      await h.settle(store);
      const [stored] = await everything(store, 'emulator', 'c-1');
      expect(stored?.text?.replace(/[\u0000\uFFFD]/g, '')).toBe('moi hei');
    });

    test('a transcript survives a restart', async () => {
      const h = harness();
      const store = await h.open();
      await store.logActivity(activity('c-1', 'moi'));
      await h.settle(store);
      const reopened = await h.reopen();
      expect((await everything(reopened, 'emulator', 'c-1')).map((item) => item.text)).toEqual(['moi']);
    });

    test('lists the conversations of a channel', async () => {
      const h = harness();
      const store = await h.open();
      await store.logActivity(activity('c-1', 'moi'));
      await store.logActivity(activity('c-2', 'hei'));
      await h.settle(store);
      expect((await store.listTranscripts('emulator')).items.map((item) => item.id).sort()).toEqual(['c-1', 'c-2']);
    });

    test('a deleted transcript is gone and the others stay', async () => {
      const h = harness();
      const store = await h.open();
      await store.logActivity(activity('c-1', 'moi'));
      await store.logActivity(activity('c-2', 'hei'));
      await h.settle(store);
      await store.deleteTranscript('emulator', 'c-1');
      expect(await everything(store, 'emulator', 'c-1')).toEqual([]);
      expect((await everything(store, 'emulator', 'c-2')).map((item) => item.text)).toEqual(['hei']);
    });

    test('channel ids that look like paths stay inside the store and apart from each other', async () => {
      const h = harness();
      const store = await h.open();
      const channels = ['..', '.', 'a/b', '../../state'];
      for (const channelId of channels) await store.logActivity(activity('handoff', `text in ${channelId}`, { channelId }));
      await h.settle(store);
      const reopened = await h.reopen();
      for (const channelId of channels) expect((await everything(reopened, channelId, 'handoff')).map((item) => item.text)).toEqual([`text in ${channelId}`]);
    });

    test('conversation ids that look like paths stay inside the store and apart from each other', async () => {
      const h = harness();
      const store = await h.open();
      const ids = ['..', '../../handoff', 'a/b', 'constructor'];
      for (const id of ids) await store.logActivity(activity(id, `text of ${id}`));
      await h.settle(store);
      const reopened = await h.reopen();
      for (const id of ids) expect((await everything(reopened, 'emulator', id)).map((item) => item.text)).toEqual([`text of ${id}`]);
    });
  });
}
