import type { Content, Intent } from '../core/content/index.js';
import type { Language } from '../core/index.js';
import type { Suggestion } from './reply.js';

/** The intent that asks for a person; its button is offered whenever the bot cannot help further. */
export const HUMAN_AGENT_INTENT = 'human_agent';

/** A button that starts an intent for sure (skips the NLU), titled with the intent's title. */
export function topicButton(intent: Intent, language: Language): Suggestion {
  return { title: intent.title[language], intent: intent.name };
}

/** The main topics (intents with a `menu:` position), each a button that starts that intent. */
export function menuButtons(content: Content, language: Language): Suggestion[] {
  return content.intents
    .filter((intent) => intent.menu !== undefined)
    .sort((a, b) => a.menu! - b.menu!)
    .map((intent) => topicButton(intent, language));
}

/**
 * An intent's follow-ups as buttons. With `person`, the "talk to a person" button comes first and
 * starts the human_agent intent for sure, so a customer the bot could not help is one tap from a person.
 */
export function followUpButtons(content: Content, intentName: string, language: Language, options: { person?: boolean } = {}): Suggestion[] {
  const intent = content.intents.find((candidate) => candidate.name === intentName);
  const human = content.intents.find((candidate) => candidate.name === HUMAN_AGENT_INTENT);
  const buttons: Suggestion[] = (intent?.followUps[language] ?? []).map((title) =>
    human && title === human.title[language] ? topicButton(human, language) : { title },
  );
  if (!options.person || !human) return buttons;
  return [topicButton(human, language), ...buttons.filter((button) => button.title !== human.title[language])];
}

/**
 * After "that didn't help": the "talk to a person" button first, then the main topics, so the
 * customer can pick the topic in other words or reach a person in one tap.
 */
export function personThenMenuButtons(content: Content, language: Language): Suggestion[] {
  const human = content.intents.find((candidate) => candidate.name === HUMAN_AGENT_INTENT);
  const menu = menuButtons(content, language).filter((button) => button.intent !== HUMAN_AGENT_INTENT);
  return human ? [topicButton(human, language), ...menu] : menu;
}
