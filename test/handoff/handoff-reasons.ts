import { describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { useSuiteBot } from '../support/suite-bot.js';

/** Registers this file's tests; test/handoff/handoffs-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function handoffReasons(): void {
  const suite = useSuiteBot();
  let conversation = 0;

  /** A new customer in a new conversation, writing in one language. */
  function customer(locale: string) {
    const id = `reasons-${++conversation}`;
    return {
      id,
      send: (text: string) => suite.bot.send(text, { conversationId: id, locale, from: { id: `user-${id}` } }),
    };
  }

  const texts = (activities: Activity[]) => activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');
  const handoffEvent = (activities: Activity[]) => activities.find((a) => a.type === 'event' && a.name === 'handoff.initiate');

  describe('handoff reasons through the real endpoint', () => {
    test.each([
      ['fi-FI', 'haluan puhua ihmisen kanssa', 'Selvä, ohjaan sinut ihmiselle.', /Olet jonossa sijalla \d+\./],
      ['en-US', 'I want to talk to a person', "Sure, I'll pass you to a person.", /You are number \d+ in the queue\./],
    ])('hands off a request for a person on the very first message (%s)', async (locale, text, why, queue) => {
      const replies = await customer(locale).send(text);
      const [message] = texts(replies);
      expect(message).toContain(why);
      expect(message).toMatch(queue);
      const event = handoffEvent(replies);
      expect(event?.value).toMatchObject({ reason: 'customer_request', intent: 'human_agent', language: locale.slice(0, 2), priority: 3 });
      expect(event?.value.caseId).toMatch(/^C-\d{5}$/);
      // The transcript goes with the event: the customer's words and the bot's next-step message.
      const transcript = event?.attachments?.[0]?.content as { activities: Activity[] };
      expect(transcript.activities.map((a) => a.text)).toEqual([text, message]);
      const stored = await suite.bot.app.desk.agent.getCase(event?.value.caseId);
      expect(stored).toMatchObject({ status: 'waiting', reason: 'customer_request', summary: { firstMessage: text, intent: 'human_agent' } });
    });

    test.each([
      ['fi-FI', 'miksi laskuni on näin suuri', 'Laskuasiat hoitaa asiakaspalvelijamme, koska ne vaativat tunnistamisen.'],
      ['en-US', 'why is my bill so high', 'One of our agents handles billing, because it needs us to identify you.'],
    ])('hands off a billing question on the first message without answering it (%s)', async (locale, text, why) => {
      const replies = await customer(locale).send(text);
      expect(texts(replies)).toHaveLength(1);
      expect(texts(replies)[0]).toMatch(new RegExp(`^${why.replace('.', '\\.')}`));
      expect(handoffEvent(replies)?.value).toMatchObject({
        reason: 'sensitive_topic',
        intent: 'billing',
        priority: 2,
        signals: ['sensitive_topic', 'sensitive_topic:intent:billing'],
      });
    });

    test.each([
      ['fi-FI', 'netti ei vieläkään toimi', 'eikä kukaan vastaa', 'Pahoittelen, että olemme tuottaneet sinulle pettymyksen.'],
      ['en-US', 'the internet is still down', 'nobody answers', "I'm sorry that the fault is disrupting your day."],
    ])('hands off when frustration builds over two messages, with a first-person apology first (%s)', async (locale, first, second, apology) => {
      const someone = customer(locale);
      const firstReplies = await someone.send(first);
      expect(handoffEvent(firstReplies)).toBeUndefined();
      const secondReplies = await someone.send(second);
      const [message] = texts(secondReplies);
      expect(message?.startsWith(apology)).toBe(true);
      const value = handoffEvent(secondReplies)?.value;
      expect(value).toMatchObject({ reason: 'upset', priority: 1, summary: { sentiment: 'upset' } });
      expect(value.signals[0]).toBe('upset');
      expect(value.signals).toEqual(expect.arrayContaining([expect.stringMatching(/^upset:lexicon:/)]));
    });

    test.each([
      ['fi-FI', 'mökin sauna lämpiää hitaasti', 'En ymmärtänyt kysymystäsi.', 'En tiedä vastausta tähän, joten ihminen selvittää asian.', 'Puhu ihmiselle'],
      [
        'en-US',
        'my cat sleeps on the sofa',
        "I didn't understand your question.",
        "I don't know the answer to this, so a person will find out.",
        'Talk to a person',
      ],
    ])(
      'says it did not understand once, offering the topics and a person, then hands off the second time (%s)',
      async (locale, text, notUnderstood, why, personButton) => {
        const someone = customer(locale);
        const first = await someone.send(text);
        expect(texts(first)[0]).toContain(notUnderstood);
        expect(first.find((a) => a.type === 'message')?.suggestedActions?.actions.map((action) => action.title)).toContain(personButton);
        expect(handoffEvent(first)).toBeUndefined();
        const second = await someone.send(text);
        expect(texts(second)[0]).toContain(why);
        expect(handoffEvent(second)?.value).toMatchObject({ reason: 'low_confidence', priority: 3 });
      },
    );

    test('a recognised question between two misunderstood ones starts the count again', async () => {
      const someone = customer('en-US');
      await someone.send('my cat sleeps on the sofa');
      await someone.send('when are you open');
      const third = await someone.send('my cat sleeps on the sofa');
      expect(handoffEvent(third)).toBeUndefined();
      expect(texts(third)[0]).toContain("I didn't understand");
    });

    test('the agent summary tells what the bot already said and lists earlier cases of the same customer', async () => {
      const sameCustomer = { from: { id: 'returning-customer' }, locale: 'en-US' };
      const first = await suite.bot.send('I want to talk to a person', { ...sameCustomer, conversationId: 'earlier-contact' });
      await suite.bot.send('when are you open', { ...sameCustomer, conversationId: 'later-contact' });
      const later = await suite.bot.send('I want to talk to a person', { ...sameCustomer, conversationId: 'later-contact' });
      const summary = handoffEvent(later)?.value.summary;
      expect(summary.earlierCases.map((earlier: { id: string }) => earlier.id)).toEqual([handoffEvent(first)?.value.caseId]);
      expect(summary.botSaid[0]).toMatch(/open/i);
      expect(summary.headline).toBe('Talk to a person · en · emulator');
    });
  });
}
