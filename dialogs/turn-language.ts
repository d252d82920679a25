import { languageFromLocale, type Language } from '../core/index.js';

/** Everything that can tell the language of a turn, strongest first. */
export interface LanguageSources {
  /**
   * The NLU's language for this message, when the message speaks for itself: not an answer to a
   * dialog's question ("33100" says nothing about the language). The NLU already prefers the hint
   * below when the text is not decisive.
   */
  spoken?: Language;
  /** The language the conversation was last in (ConversationData.language). */
  conversation?: Language;
  /** The channel's locale for this activity ("en-US"). */
  locale?: string;
  /** DEFAULT_LANGUAGE from the configuration. */
  configured: Language;
}

/**
 * The one fallback chain for the language of a turn: what the message says, else the conversation's
 * language, else the channel locale, else DEFAULT_LANGUAGE. Without `spoken` it is the NLU's hint, the
 * welcome's language and the turn-error apology's. Never a hard-coded language: a hard-coded 'fi'
 * made English dialogs fall back to Finnish when DEFAULT_LANGUAGE was en.
 *
 * @example
 * turnLanguage({ conversation: 'en', locale: 'fi-FI', configured: 'fi' }) // 'en'
 */
export function turnLanguage(sources: LanguageSources): Language {
  return sources.spoken ?? sources.conversation ?? languageFromLocale(sources.locale) ?? sources.configured;
}
