import { ActivityHandler, ActivityTypes, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { Language, Logger } from '../../core/index.js';
import {
  turnLanguage,
  type BotContent,
  type ContentSource,
  type ConversationData,
  type ConversationFlow,
  type ServiceRouter,
  type SuggestionValue,
} from '../../dialogs/index.js';
import type { AnalysedText, NluResult } from '../../core/nlu/index.js';
import { TurnBuilder } from './turn-builder.js';
import type { TranscriptSource } from './turn-transcript.js';

export interface VastaaBotDeps {
  conversationState: ConversationState;
  conversationData: StatePropertyAccessor<ConversationData>;
  router: ServiceRouter;
  flow: ConversationFlow;
  content: ContentSource;
  /** The conversation so far, for the turn's transcript (a handoff hands it to the agent). */
  transcripts: TranscriptSource;
  defaultLanguage: Language;
  /** Send NLU traces on every channel, not only to the Emulator. */
  debugTrace: boolean;
  logger: Logger;
  /** Told the NLU result of every message with text (the verdict counters of GET /metrics). */
  onRecognised?: (nlu: NluResult) => void;
  /** Event activities from the customer's side (the chat page's read receipts). */
  onEvent?: (context: TurnContext) => Promise<void>;
}

/** Name and value type of the trace activity that shows the NLU result in the Emulator. */
export const NLU_TRACE = { name: 'nlu', label: 'NLU result', valueType: 'https://vastaa.dev/schemas/nlu-result' } as const;

/**
 * The bot's turn: build the turn once (state, NLU, language, dialog context, transcript), show the NLU
 * result as a trace, let the conversation flow decide (answer, hand off, or stay quiet while a person
 * answers), and save the conversation state.
 */
export class VastaaBot extends ActivityHandler {
  private readonly turns: TurnBuilder;

  constructor(private readonly deps: VastaaBotDeps) {
    super();
    this.turns = new TurnBuilder({
      conversationData: deps.conversationData,
      content: deps.content,
      transcripts: deps.transcripts,
      dialogs: deps.router,
      recognise: (context, hint, current, text) => this.recognise(context, hint, current, text),
      defaultLanguage: deps.defaultLanguage,
      onRecognised: deps.onRecognised,
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      await deps.onEvent?.(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const customerJoined = (context.activity.membersAdded ?? []).some((member) => member.id !== context.activity.recipient?.id);
      if (customerJoined) await deps.router.welcome(context, turnLanguage({ locale: context.activity.locale, configured: deps.defaultLanguage }));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const turn = await this.turns.build(context);
    if (turn.nlu) await this.trace(context, turn.nlu);
    await this.deps.flow.onMessage(turn);
  }

  /** A button that names its intent is taken at its word; typed text goes through the NLU. `analysed`: the activity's text. */
  private recognise(context: TurnContext, hint: Language, current: BotContent, analysed: AnalysedText): NluResult | undefined {
    const { recogniser, content } = current;
    const value = context.activity.value as SuggestionValue | undefined;
    // Surrounding spaces change no NLU result (the text is normalised first), only whether there is any text.
    const text = analysed.text.trim();
    if (typeof value?.intent === 'string' && content.intents.some((intent) => intent.name === value.intent)) {
      const language = text ? recogniser.recognise(analysed, hint).language : hint;
      return {
        intent: value.intent,
        score: 1,
        language,
        languageConfidence: 1,
        ranking: [{ intent: value.intent, score: 1 }],
        verdict: 'confident',
        similarity: 1,
      };
    }
    return text ? recogniser.recognise(analysed, hint) : undefined;
  }

  private async trace(context: TurnContext, nlu: NluResult): Promise<void> {
    if (context.activity.channelId !== 'emulator' && !this.deps.debugTrace) return;
    await context.sendActivity({
      type: ActivityTypes.Trace,
      ...NLU_TRACE,
      value: {
        intent: nlu.intent,
        score: round(nlu.score),
        language: nlu.language,
        ranking: nlu.ranking.slice(0, 5).map((r) => ({ intent: r.intent, score: round(r.score) })),
        verdict: nlu.verdict,
      },
    });
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
