import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import nock from 'nock';
import path from 'node:path';
import { FileOutageFeed, HttpOrderApi } from '../../backends/index.js';
import { loadContent } from '../../content/index.js';
import { createMemoryLogger } from '../../core/index.js';
import { KNOWN_DIALOGS, REQUIRED_MESSAGES, ServiceRouter, type ConversationData, type RouteOutcome } from '../../dialogs/index.js';
import type { IntentRecogniser, NluResult } from '../../nlu/index.js';
import { mockExternalApis } from '../support/external-apis.js';
import { PROJECT_ROOT } from '../support/test-bot.js';

// The router on its own, with the shipped content, real dialogs, a memory state and the order API on nock:
// what the conversation flow of the handoff (issue 4) relies on.
const SHOP = 'https://shop.example.com';
const ORDER = { id: '123456', status: 'shipped', email: 'aino@example.com', postalCode: '33100', carrier: 'Posti', trackingUrl: 'https://posti.example/1', expectedDelivery: '2026-11-25' };

mockExternalApis();

let router: ServiceRouter;
let adapter: TestAdapter;
let state: ConversationState;

beforeAll(async () => {
  const { content, problems } = await loadContent(PROJECT_ROOT, { knownDialogs: KNOWN_DIALOGS, requiredMessages: REQUIRED_MESSAGES });
  expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  state = new ConversationState(new MemoryStorage());
  router = new ServiceRouter({
    // The router never calls the recogniser: it gets the NLU result of each turn.
    content: { current: () => ({ content, recogniser: undefined as unknown as IntentRecogniser, version: 1 }) },
    conversationData: state.createProperty<ConversationData>('vastaa'),
    dialogState: state.createProperty<DialogState>('dialogs'),
    now: () => new Date('2026-11-23T08:00:00Z'),
    logger: createMemoryLogger(),
    outages: new FileOutageFeed(path.join(PROJECT_ROOT, 'demo/outages.json')),
    orders: new HttpOrderApi({ baseUrl: SHOP, timeoutMs: 500 }),
    privacy: { publicChannels: [] },
  });
});

beforeEach(() => {
  adapter = new TestAdapter(undefined, { conversation: { id: `router-${expect.getState().currentTestName}`, isGroup: false, name: '', conversationType: 'personal' } });
});

/** One customer turn: the NLU result is given, as the bot's turn would pass it. */
async function turn(text: string, intent: string | null, language: 'fi' | 'en' = 'fi'): Promise<{ outcome: RouteOutcome; replies: string[] }> {
  const nlu: NluResult = { intent, score: intent ? 0.9 : 0.2, language, languageConfidence: 1, ranking: intent ? [{ intent, score: 0.9 }] : [], verdict: intent ? 'confident' : 'low_confidence', similarity: 0.5 };
  let outcome: RouteOutcome | undefined;
  await adapter.processActivity({ type: 'message', text }, async (context: TurnContext) => {
    outcome = await router.onMessage(context, nlu);
    await state.saveChanges(context);
  });
  const replies = adapter.activeQueue.splice(0).map((activity) => activity.text ?? '');
  return { outcome: outcome!, replies };
}

async function activeDialog(): Promise<string | undefined> {
  let active: string | undefined;
  await adapter.processActivity({ type: 'event', name: 'probe' }, async (context) => {
    active = await router.activeDialog(context);
  });
  return active;
}

describe('ServiceRouter', () => {
  test('reports a dialog waiting for an answer, and treats an unplaceable reply as its answer, never as not understood', async () => {
    expect(await turn('missä mun paketti', 'order_status')).toMatchObject({ outcome: { kind: 'in_dialog', dialog: 'order_status' } });
    expect(await activeDialog()).toBe('order_status');
    expect((await turn('123456', null)).outcome).toEqual({ kind: 'in_dialog', dialog: 'order_status' });
    expect((await turn('en muista', null)).outcome).toEqual({ kind: 'in_dialog', dialog: 'order_status' });
  });

  test('hands off with reason sensitive_topic on the third failed verification and sends nothing for it', async () => {
    nock(SHOP).get('/orders/123456').times(3).reply(200, ORDER);
    await turn('missä on tilaus 123456', 'order_status');
    expect(await turn('00100', null)).toEqual({ outcome: { kind: 'in_dialog', dialog: 'order_status' }, replies: [expect.stringMatching(/^Tiedot eivät täsmää/)] });
    expect((await turn('väärä@example.com', null)).outcome.kind).toBe('in_dialog');
    expect(await turn('00200', null)).toEqual({
      outcome: { kind: 'handoff', reason: 'sensitive_topic', signal: 'verification_failed', intent: 'order_status' },
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
    expect((await turn('00300', null)).outcome.kind).toBe('handoff');
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
    await adapter.processActivity({ type: 'event', name: 'handoff' }, async (context) => {
      await router.cancelDialogs(context);
      await state.saveChanges(context);
    });
    expect(await activeDialog()).toBeUndefined();
    expect((await turn('123456', null)).outcome).toEqual({ kind: 'not_understood' });
  });
});
