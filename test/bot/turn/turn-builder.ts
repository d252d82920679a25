import { describe, expect, jest, test } from '@jest/globals';
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import type { Content } from '../../../core/content/index.js';
import type { Language } from '../../../core/index.js';
import type { IntentRecogniser, NluResult } from '../../../core/nlu/index.js';
import { TurnBuilder } from '../../../bot/turn/turn-builder.js';
import { turnOf, type ConversationData, type Turn } from '../../../dialogs/index.js';

/** Registers this file's tests; ./turns-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function turnBuilder(): void {
  const content = { messages: { welcome: { fi: 'Hei', en: 'Hi' } }, intents: [] } as unknown as Content;

  function nlu(language: Language, intent: string | null = 'opening_hours'): NluResult {
    return { intent, score: 0.9, language, languageConfidence: 1, ranking: [], verdict: intent ? 'confident' : 'low_confidence', similarity: 0.5 };
  }

  /** A builder over a memory state; the NLU, the dialog question and the stored transcript are the test's. */
  function setUp(options: { answersDialog?: boolean; nlu?: NluResult; stored?: Partial<Activity>[]; defaultLanguage?: Language } = {}) {
    const state = new ConversationState(new MemoryStorage());
    const conversationData = state.createProperty<ConversationData>('vastaa');
    const get = jest.spyOn(conversationData, 'get');
    const dialogSet = new DialogSet(state.createProperty<DialogState>('dialogs'));
    const hints: Language[] = [];
    const builder = new TurnBuilder({
      conversationData,
      content: { current: () => ({ content, recogniser: undefined as unknown as IntentRecogniser, version: 1 }), messages: content.messages },
      transcripts: { allActivities: async () => (options.stored ?? []) as Activity[] },
      dialogs: {
        createContext: (context) => dialogSet.createContext(context),
        continuesDialog: () => options.answersDialog ?? false,
        followUpOf: () => undefined,
      },
      recognise: (_context, hint) => {
        hints.push(hint);
        return options.nlu;
      },
      defaultLanguage: options.defaultLanguage ?? 'fi',
    });
    const adapter = new TestAdapter();
    /** Runs one turn: `before` prepares the state, `during` gets the built turn. */
    const run = async (
      activity: Partial<Activity>,
      during: (turn: Turn, context: TurnContext) => Promise<void> = async () => {},
      before?: (context: TurnContext) => Promise<void>,
    ) => {
      await adapter.processActivity({ type: 'message', ...activity }, async (context) => {
        await before?.(context);
        await during(await builder.build(context), context);
      });
    };
    return { builder, conversationData, get, hints, run };
  }

  describe('TurnBuilder', () => {
    test('reads the conversation data once, upgraded to the current shape, and keeps the turn with the context', async () => {
      const { conversationData, get, run } = setUp({ nlu: nlu('fi') });
      await run(
        { text: 'moi' },
        async (turn, context) => {
          expect(turn.data).toEqual({ language: 'en', answered: {}, details: {}, frustration: 0, upsetSignals: [], earlierTexts: [], misses: 0 });
          expect(turnOf(context)).toBe(turn);
          expect(get).toHaveBeenCalledTimes(1);
        },
        // State saved by an earlier version: only a language and the answered counts.
        async (context) => conversationData.set(context, { language: 'en', answered: {} } as unknown as ConversationData),
      );
    });

    test("asks the NLU with the conversation's language as hint, then takes the NLU's language for a new question", async () => {
      const { hints, run, conversationData } = setUp({ nlu: nlu('en') });
      await run(
        { text: 'what are your opening hours', locale: 'fi-FI' },
        async (turn) => expect(turn.language).toBe('en'),
        async (context) =>
          conversationData.set(context, { language: 'fi', answered: {}, details: {}, frustration: 0, upsetSignals: [], earlierTexts: [], misses: 0 }),
      );
      expect(hints).toEqual(['fi']);
    });

    test("keeps an answer to a dialog's question in the conversation's language, whatever the NLU guessed", async () => {
      const { run, conversationData } = setUp({ nlu: nlu('fi', null), answersDialog: true, defaultLanguage: 'fi' });
      await run(
        { text: '33100' },
        async (turn) => expect(turn.language).toBe('en'),
        async (context) =>
          conversationData.set(context, { language: 'en', answered: {}, details: {}, frustration: 0, upsetSignals: [], earlierTexts: [], misses: 0 }),
      );
    });

    test('without text or state the language is the locale, else DEFAULT_LANGUAGE', async () => {
      const withLocale = setUp({ defaultLanguage: 'fi' });
      await withLocale.run({ text: '', locale: 'en-US' }, async (turn) => {
        expect(turn.nlu).toBeNull();
        expect(turn.language).toBe('en');
      });
      const bare = setUp({ defaultLanguage: 'en' });
      await bare.run({ text: '' }, async (turn) => expect(turn.language).toBe('en'));
    });

    test('the transcript is the stored one, the incoming message and what was sent so far, without traces; each call a new copy', async () => {
      const earlier = { type: ActivityTypes.Message, id: 'a1', text: 'earlier question' };
      const { run } = setUp({ nlu: nlu('fi'), stored: [earlier] });
      await run({ text: 'moi', id: 'a2' }, async (turn, context) => {
        const before = await turn.transcript();
        await context.sendActivity({ type: ActivityTypes.Trace, name: 'nlu' });
        await context.sendActivity('Hei!');
        expect(before.map((a) => a.text)).toEqual(['earlier question', 'moi']);
        expect((await turn.transcript()).map((a) => a.text)).toEqual(['earlier question', 'moi', 'Hei!']);
      });
    });
  });
}
