import { ActivityHandler, ActivityTypes, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { languageFromLocale, type Language, type Logger } from '../../core/index.js';
import { newConversationData, type ContentSource, type ConversationData, type ConversationFlow, type ServiceRouter, type SuggestionValue } from '../../dialogs/index.js';
import type { NluResult } from '../../core/nlu/index.js';
import { PersonalDataMiddleware } from './personal-data-middleware.js';

export interface VastaaBotDeps {
  conversationState: ConversationState;
  conversationData: StatePropertyAccessor<ConversationData>;
  router: ServiceRouter;
  flow: ConversationFlow;
  content: ContentSource;
  defaultLanguage: Language;
  /** Send NLU traces on every channel, not only to the Emulator. */
  debugTrace: boolean;
  logger: Logger;
}

/** Name and value type of the trace activity that shows the NLU result in the Emulator. */
export const NLU_TRACE = { name: 'nlu', label: 'NLU result', valueType: 'https://vastaa.dev/schemas/nlu-result' } as const;

/**
 * The bot's turn: recognise the customer's message, show the NLU result as a trace, let the
 * conversation flow decide (answer, hand off, or stay quiet while a person answers), and save the
 * conversation state.
 */
export class VastaaBot extends ActivityHandler {
  constructor(private readonly deps: VastaaBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const customerJoined = (context.activity.membersAdded ?? []).some((member) => member.id !== context.activity.recipient?.id);
      if (customerJoined) await deps.router.welcome(context, languageFromLocale(context.activity.locale) ?? deps.defaultLanguage);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const data = await this.deps.conversationData.get(context, newConversationData());
    const hint = data.language ?? languageFromLocale(context.activity.locale) ?? this.deps.defaultLanguage;
    const nlu = this.recognise(context, hint);
    if (nlu) await this.trace(context, nlu);
    await this.deps.flow.onMessage(context, { nlu: nlu ?? null, personalData: PersonalDataMiddleware.found(context), language: hint });
  }

  /** A button that names its intent is taken at its word; typed text goes through the NLU. */
  private recognise(context: TurnContext, hint: Language): NluResult | undefined {
    const { recogniser, content } = this.deps.content.current();
    const value = context.activity.value as SuggestionValue | undefined;
    const text = (context.activity.text ?? '').trim();
    if (typeof value?.intent === 'string' && content.intents.some((intent) => intent.name === value.intent)) {
      const language = text ? recogniser.recognise(text, hint).language : hint;
      return { intent: value.intent, score: 1, language, languageConfidence: 1, ranking: [{ intent: value.intent, score: 1 }], verdict: 'confident', similarity: 1 };
    }
    return text ? recogniser.recognise(text, hint) : undefined;
  }

  private async trace(context: TurnContext, nlu: NluResult): Promise<void> {
    if (context.activity.channelId !== 'emulator' && !this.deps.debugTrace) return;
    await context.sendActivity({
      type: ActivityTypes.Trace,
      ...NLU_TRACE,
      value: { intent: nlu.intent, score: round(nlu.score), language: nlu.language, ranking: nlu.ranking.slice(0, 5).map((r) => ({ intent: r.intent, score: round(r.score) })), verdict: nlu.verdict },
    });
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
