import { ActionTypes, ActivityTypes, type Activity, type CardAction } from 'botbuilder';

/** A button under a reply. With an intent, clicking it skips the NLU and starts that intent for sure. */
export interface Suggestion {
  title: string;
  intent?: string;
  /** Any other value the dialog wants back (e.g. a rating). */
  value?: Record<string, unknown>;
}

/** What a click on a suggestion sends back in `activity.value`. */
export interface SuggestionValue {
  intent?: string;
  [key: string]: unknown;
}

/**
 * A message with optional suggestion buttons. Channel adapters decide how buttons look
 * (Web Chat buttons, Messenger quick replies); dialogs only say what is offered.
 */
export function reply(text: string, suggestions: readonly Suggestion[] = []): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text, textFormat: 'markdown' };
  if (suggestions.length > 0) {
    activity.suggestedActions = { to: [], actions: suggestions.map(toCardAction) };
  }
  return activity;
}

function toCardAction(suggestion: Suggestion): CardAction {
  if (!suggestion.intent && !suggestion.value) return { type: ActionTypes.ImBack, title: suggestion.title, value: suggestion.title };
  const value: SuggestionValue = { ...suggestion.value, ...(suggestion.intent ? { intent: suggestion.intent } : {}) };
  return { type: ActionTypes.MessageBack, title: suggestion.title, text: suggestion.title, displayText: suggestion.title, value };
}
