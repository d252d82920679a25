import { describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { loadIntents } from '../../core/content/index.js';
import { useSuiteBot } from '../support/suite-bot.js';
import { PROJECT_ROOT } from '../support/test-bot.js';

/** Registers this file's tests; test/handoff/handoffs-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function personPromises(): void {
  const suite = useSuiteBot();
  let conversation = 0;

  /** A new customer in a new conversation, writing in one language. */
  function customer(locale: string) {
    const id = `promise-${++conversation}`;
    return (text: string) => suite.bot.send(text, { conversationId: id, locale, from: { id: `user-${id}` } });
  }

  const texts = (activities: Activity[]) => activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');
  const handoffEvent = (activities: Activity[]) => activities.find((a) => a.type === 'event' && a.name === 'handoff.initiate');

  describe('a reply that promises a person opens a case', () => {
    test.each([
      [
        'fi-FI',
        'haluan tehdä reklamaation viallisesta reitittimestä',
        /Asiakaspalvelumme henkilö jatkaa/,
        /^Avasin asiastasi tapauksen asiakaspalvelijallemme\. Hän jatkaa tätä keskustelua tässä samassa chatissa\.\n\nOlet jonossa sijalla \d+\./,
        'se ei käynnisty ollenkaan, ostin sen viime viikolla',
        /^Kiitos, lisäsin tämän asiaasi\./,
      ],
      [
        'en-US',
        'I want to file a complaint about a faulty router',
        /A person from our customer service will continue/,
        /^I've opened a case for you with our customer service\. An agent will continue this conversation right here\.\n\nYou are number \d+ in the queue\./,
        "it won't turn on",
        /^Thanks, I've added this to your case\./,
      ],
    ])(
      'a complaint gets its answer, then a case in the queue, and the description reaches the case (%s)',
      async (locale, text, promise, queued, description, added) => {
        const say = customer(locale);
        const replies = await say(text);
        const [answer, handoff] = texts(replies);
        expect(answer).toMatch(promise);
        expect(handoff).toMatch(queued);
        const event = handoffEvent(replies);
        expect(event?.value).toMatchObject({ reason: 'customer_request', intent: 'complaint', priority: 3 });
        expect(event?.value.signals).toEqual(['customer_request', 'customer_request:person_promised:complaint']);
        const stored = await suite.bot.app.desk.agent.getCase(event?.value.caseId);
        expect(stored).toMatchObject({ status: 'waiting', reason: 'customer_request', summary: { firstMessage: text, intent: 'complaint' } });

        expect(texts(await say(description))[0]).toMatch(added);
      },
    );

    test('whenever the bot says an answer that promises a person (person_continues: true), a case follows, in Finnish and English', async () => {
      const promising = (await loadIntents(PROJECT_ROOT)).intents.filter((intent) => intent.personContinues);
      expect(promising.map((intent) => intent.name).sort()).toEqual(['complaint', 'human_agent']);
      const promised: string[] = [];
      for (const intent of promising) {
        for (const [locale, language] of [
          ['fi-FI', 'fi'],
          ['en-US', 'en'],
        ] as const) {
          for (const phrase of [...intent.tests[language], ...intent.examples[language].slice(0, 10)]) {
            const replies = await customer(locale)(phrase);
            const saidPromise = texts(replies).some((text) => intent.answers[language].includes(text));
            if (saidPromise) promised.push(`${intent.name} (${language})`);
            // A person takes over when the answer promised one; a human_agent request is handed off without its answer.
            if (saidPromise) expect({ phrase, initiated: handoffEvent(replies) !== undefined }).toEqual({ phrase, initiated: true });
          }
        }
      }
      expect(new Set(promised)).toEqual(new Set(['complaint (fi)', 'complaint (en)']));
    });
  });
}
