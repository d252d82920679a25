import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Language } from '../../core/index.js';
import type { Content } from '../../core/content/index.js';
import { AnalysedText, type NluResult } from '../../core/nlu/index.js';
import {
  attachTurn,
  continuing,
  newConversationData,
  turnLanguage,
  upgradeConversationData,
  type BotContent,
  type ContentSource,
  type ConversationData,
  type FollowUp,
  type Turn,
} from '../../dialogs/index.js';
import { PersonalDataMiddleware } from './personal-data-middleware.js';
import { TurnTranscript, type TranscriptSource } from './turn-transcript.js';

export interface TurnBuilderDeps {
  conversationData: StatePropertyAccessor<ConversationData>;
  content: ContentSource;
  transcripts: TranscriptSource;
  /** The multi-turn dialogs: their context, and whether a message answers the one waiting. */
  dialogs: {
    createContext(context: TurnContext): Promise<DialogContext>;
    continuesDialog(dialogs: DialogContext, nlu: NluResult, text: string): boolean;
    /** The earlier topic an elliptical message ("entäs Turussa?") continues, if any. */
    followUpOf(nlu: NluResult, text: string, data: ConversationData, content: Content): FollowUp | undefined;
  };
  /** The NLU for this message, given the language to assume when the text does not tell, and the text to analyse (shared with the rest of the turn). */
  recognise(context: TurnContext, hint: Language, current: BotContent, text: AnalysedText): NluResult | undefined;
  defaultLanguage: Language;
  /** Told the NLU result of every message with text (the verdict counters of GET /metrics). */
  onRecognised?: (nlu: NluResult) => void;
}

/** Builds the turn of one customer message, once, before the flow runs (see `Turn`). */
export class TurnBuilder {
  constructor(private readonly deps: TurnBuilderDeps) {}

  async build(context: TurnContext): Promise<Turn> {
    const data = upgradeConversationData(await this.deps.conversationData.get(context, newConversationData()));
    // Read once: a reload during the turn must not give the NLU one version and the answers another.
    const current = this.deps.content.current();
    const hint = turnLanguage({ conversation: data.language, locale: context.activity.locale, configured: this.deps.defaultLanguage });
    const analysedText = new AnalysedText(context.activity.text ?? '');
    const nlu = this.deps.recognise(context, hint, current, analysedText) ?? null;
    if (nlu) this.deps.onRecognised?.(nlu);
    const dialogs = await this.deps.dialogs.createContext(context);
    // An answer to a dialog's question goes on in the conversation's language.
    const text = context.activity.text ?? '';
    const answersDialog = nlu !== null && this.deps.dialogs.continuesDialog(dialogs, nlu, text);
    const followUp = nlu && !answersDialog ? this.deps.dialogs.followUpOf(nlu, text, data, current.content) : undefined;
    // A bare detail ("Helsinki?", "123456") says nothing about the language; "entäs Turussa?" does.
    const keepsLanguage = answersDialog || !nlu || (followUp !== undefined && !followUp.led);
    const language = keepsLanguage ? hint : turnLanguage({ spoken: nlu.language, configured: this.deps.defaultLanguage });
    const { content } = current;
    const transcript = new TurnTranscript(context, this.deps.transcripts);
    const turn: Turn = {
      context,
      data,
      language,
      nlu: nlu && followUp ? continuing(nlu, followUp) : nlu,
      analysedText,
      personalData: PersonalDataMiddleware.found(context),
      dialogs,
      content,
      messages: content.messages,
      transcript: () => transcript.snapshot(),
    };
    attachTurn(turn);
    return turn;
  }
}
