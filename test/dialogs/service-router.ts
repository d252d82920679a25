import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import nock from 'nock';
import path from 'node:path';
import { HttpOrderApi } from '../../dialogs/order-status/index.js';
import { FileOutageFeed } from '../../dialogs/outage/index.js';
import { loadContent } from '../../core/content/index.js';
import { createMemoryLogger } from '../../core/index.js';
import { KNOWN_DIALOGS, REQUIRED_MESSAGES, ServiceRouter, type ConversationData, type RouteOutcome } from '../../dialogs/index.js';
import type { IntentRecogniser, NluResult } from '../../core/nlu/index.js';
import { FileVerificationAttempts } from '../../bot/store/index.js';
import { mockExternalApis } from '../support/external-apis.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { PROJECT_ROOT } from '../support/test-bot.js';
import { TurnBuilder } from '../../bot/turn/turn-builder.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function serviceRouterTests(): void {
  // The router on its own, with the shipped content, real dialogs, a memory state and the order API on nock:
  // what the conversation flow of the handoff (issue 4) relies on.
  const SHOP = 'https://shop.example.com';
  const ORDER = {
    id: '123456',
    status: 'shipped',
    email: 'aino@example.com',
    postalCode: '33100',
    carrier: 'Posti',
    trackingUrl: 'https://posti.example/1',
    expectedDelivery: '2026-11-25',
  };

  mockExternalApis();
  const tempDir = useTempDirs('vastaa-router-');

  let router: ServiceRouter;
  let adapter: TestAdapter;
  let state: ConversationState;
  let turns: TurnBuilder;
  /** What the NLU says about the next message. */
  let nextNlu: NluResult | undefined;
  let content: Awaited<ReturnType<typeof loadContent>>['content'];

  beforeAll(async () => {
    const loaded = await loadContent(PROJECT_ROOT, { knownDialogs: KNOWN_DIALOGS, requiredMessages: REQUIRED_MESSAGES });
    expect(loaded.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    content = loaded.content;
  });

  // A fresh router per test: failed verifications now count per order and customer across conversations,
  // so one test's failures must not lock the next test's order.
  beforeEach(async () => {
    state = new ConversationState(new MemoryStorage());
    router = new ServiceRouter({
      content: contentSource(),
      dialogState: state.createProperty<DialogState>('dialogs'),
      now: () => new Date('2026-11-23T08:00:00Z'),
      logger: createMemoryLogger(),
      outages: new FileOutageFeed(path.join(PROJECT_ROOT, 'demo/outages.json')),
      orders: new HttpOrderApi({ baseUrl: SHOP, timeoutMs: 500 }),
      privacy: { publicChannels: [] },
      verificationAttempts: await FileVerificationAttempts.open(path.join(await tempDir(), 'verification-attempts.json'), {
        maxFailures: 3,
        windowMs: 86_400_000,
        lockMs: 1_800_000,
      }),
    });

    // The production turn builder, with the NLU result given by the test.
    turns = new TurnBuilder({
      conversationData: state.createProperty<ConversationData>('vastaa'),
      content: contentSource(),
      transcripts: { allActivities: async () => [] },
      dialogs: router,
      recognise: () => nextNlu,
      defaultLanguage: 'fi',
    });
    adapter = new TestAdapter(undefined, {
      conversation: { id: `router-${expect.getState().currentTestName}`, isGroup: false, name: '', conversationType: 'personal' },
    });
  });

  /** One customer turn: the NLU result is given, as the bot's turn would pass it. */
  async function turn(text: string, intent: string | null, language: 'fi' | 'en' = 'fi'): Promise<{ outcome: RouteOutcome; replies: string[] }> {
    const nlu: NluResult = {
      intent,
      score: intent ? 0.9 : 0.2,
      language,
      languageConfidence: 1,
      ranking: intent ? [{ intent, score: 0.9 }] : [],
      verdict: intent ? 'confident' : 'low_confidence',
      similarity: 0.5,
    };
    let outcome: RouteOutcome | undefined;
    nextNlu = nlu;
    await adapter.processActivity({ type: 'message', text }, async (context: TurnContext) => {
      outcome = await router.onMessage(await turns.build(context), undefined);
      await state.saveChanges(context);
    });
    const replies = adapter.activeQueue.splice(0).map((activity) => activity.text ?? '');
    return { outcome: outcome!, replies };
  }

  async function activeDialog(): Promise<string | undefined> {
    let active: string | undefined;
    nextNlu = undefined;
    await adapter.processActivity({ type: 'event', name: 'probe' }, async (context) => {
      active = router.activeDialog(await turns.build(context));
    });
    return active;
  }

  function contentSource() {
    // The router never calls the recogniser: it gets the NLU result of each turn.
    return { current: () => ({ content, recogniser: undefined as unknown as IntentRecogniser, version: 1 }), messages: content.messages };
  }

  describe('ServiceRouter', () => {
    test('reports a dialog waiting for an answer, and treats an unplaceable reply as its answer, never as not understood', async () => {
      expect(await turn('missä mun paketti', 'order_status')).toMatchObject({ outcome: { kind: 'in_dialog', dialog: 'order_status' } });
      expect(await activeDialog()).toBe('order_status');
      expect((await turn('123456', null)).outcome).toEqual({ kind: 'in_dialog', dialog: 'order_status' });
      expect((await turn('en muista', null)).outcome).toEqual({ kind: 'in_dialog', dialog: 'order_status' });
    });

    test('reports the third failed verification as locked, ends the dialog and sends nothing for it', async () => {
      nock(SHOP).get('/orders/123456').times(3).reply(200, ORDER);
      await turn('missä on tilaus 123456', 'order_status');
      expect(await turn('00100', null)).toEqual({
        outcome: { kind: 'verification_failed', failures: 1, locked: false, intent: 'order_status' },
        replies: [expect.stringMatching(/^Tiedot eivät täsmää/)],
      });
      expect((await turn('väärä@example.com', null)).outcome).toMatchObject({ kind: 'verification_failed', failures: 2, locked: false });
      expect(await turn('00200', null)).toEqual({
        outcome: { kind: 'verification_failed', failures: 3, locked: true, intent: 'order_status' },
        replies: [],
      });
      expect(await activeDialog()).toBeUndefined();
    });

    test('counts failures across restarts of the dialog, so starting over does not give three more tries', async () => {
      nock(SHOP).get('/orders/123456').times(3).reply(200, ORDER);
      await turn('missä on tilaus 123456', 'order_status');
      await turn('00100', null);
      await turn('00200', null);
      expect((await turn('antaa olla', 'cancel')).outcome).toEqual({ kind: 'cancelled', dialog: 'order_status' });
      await turn('missä on tilaus 123456', 'order_status');
      expect((await turn('00300', null)).outcome).toMatchObject({ kind: 'verification_failed', locked: true });
    });

    test('answers after a successful verification', async () => {
      nock(SHOP).get('/orders/123456').reply(200, ORDER);
      await turn('where is order 123456', 'order_status', 'en');
      const { outcome, replies } = await turn('aino@example.com', null, 'en');
      expect(outcome).toEqual({ kind: 'answered', intent: 'order_status' });
      expect(replies[0]).toMatch(/^Your order 123456 is on its way\./);
    });

    test('ends the dialog and answers the new topic when the customer changes it', async () => {
      await turn('onko häiriöitä', 'outage');
      expect(await activeDialog()).toBe('outage');
      const { outcome, replies } = await turn('ai niin, ootteko auki sunnuntaina', 'opening_hours');
      expect(outcome).toEqual({ kind: 'answered', intent: 'opening_hours' });
      expect(replies[0]).toMatch(/^Sunnuntaina/);
      expect(await activeDialog()).toBeUndefined();
    });

    test('cancelDialogs ends a running dialog (a person takes over)', async () => {
      await turn('missä mun paketti', 'order_status');
      nextNlu = undefined;
      await adapter.processActivity({ type: 'event', name: 'handoff' }, async (context) => {
        await router.cancelDialogs(await turns.build(context));
        await state.saveChanges(context);
      });
      expect(await activeDialog()).toBeUndefined();
      expect((await turn('123456', null)).outcome).toEqual({ kind: 'not_understood' });
    });
  });
}
