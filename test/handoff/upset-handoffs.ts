import { describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { useSuiteBot } from '../support/suite-bot.js';

/** Registers this file's tests; test/handoff/upset-waiting-and-customer-data-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function upsetHandoffs(): void {
  const suite = useSuiteBot();
  let conversation = 0;

  /** A new customer in a new conversation; `send` returns the bot's replies to one message. */
  function customer(locale: string) {
    const id = `upset-${++conversation}`;
    return (text: string) => suite.bot.send(text, { conversationId: id, locale, from: { id: `user-${id}` } });
  }

  const handoff = (activities: Activity[]) =>
    activities.find((a) => a.type === 'event' && a.name === 'handoff.initiate')?.value as
      { reason: string; signals: string[]; intent: string | null; priority: number } | undefined;

  describe('upset customers reach a person on the message that shows it', () => {
    test.each([
      ['fi-FI', 'inflected phrase', 'kolmannen kerran kysyn samaa eikä kukaan vastaa', 'upset:lexicon:kolmas kerta'],
      ['en-US', 'inflected phrase', "I'm asking for the third time now", 'upset:lexicon:third time'],
      ['fi-FI', 'sarcasm', 'no mahtavaa, taas ilman sähköjä 👏', 'upset:sarcasm'],
      ['en-US', 'sarcasm', 'Great, another outage. Thanks a lot', 'upset:sarcasm'],
      ['fi-FI', 'an angry emoji with a complaint', 'netti ei toimi 😡', 'upset:angry_emoji'],
      ['en-US', 'an eye-roll alone', '🙄🙄', 'upset:angry_emoji'],
      ['fi-FI', 'a shouted question', 'MILLOIN TÄMÄ KORJATAAN???', 'upset:shouted_complaint'],
      ['en-US', 'a shouted question', 'WHEN WILL THIS BE FIXED???', 'upset:shouted_complaint'],
      ['fi-FI', 'a demand', 'korjatkaa se heti!', 'upset:demand'],
      ['en-US', 'a demand', 'fix it right now', 'upset:demand'],
      ['fi-FI', 'disappointment', 'olen todella pettynyt teihin', 'upset:lexicon:pettynyt'],
      ['en-US', 'disappointment', "I'm really disappointed", 'upset:lexicon:disappointed'],
      ['fi-FI', 'anger', 'olen tosi vihainen tästä', 'upset:lexicon:vihainen'],
      ['en-US', 'anger', "I'm really angry about this", 'upset:lexicon:angry'],
      ['fi-FI', 'a threat to go public', 'laitan tästä someen', 'upset:threat:laitan tästä someen'],
      ['en-US', 'a threat to go public', "I'll post this on Twitter", 'upset:public_threat'],
      ['fi-FI', 'a threat to leave', 'vaihdan sähköyhtiötä heti kun voin', 'upset:threat:vaihdan sähköyhtiötä'],
      ['en-US', 'a threat to leave', "I'm switching provider as soon as I can", 'upset:threat:switching provider'],
    ])('%s: %s ("%s")', async (locale, _kind, text, signal) => {
      const decision = handoff(await customer(locale)(text));
      expect(decision).toMatchObject({ reason: 'upset', priority: 1 });
      expect(decision?.signals).toContain(signal);
    });

    // Wording no lexicon phrase or cue covers: only the learned signal (lexicons/upset-examples/) finds it.
    test.each([
      ['fi-FI', 'nyt loppui kyllä usko koko firmaan'],
      ['en-US', 'honestly I have had it up to here with your lot'],
    ])('upset wording the lexicon has no phrase for reaches a person through the learned signal (%s: "%s")', async (locale, text) => {
      const decision = handoff(await customer(locale)(text));
      expect(decision).toMatchObject({ reason: 'upset', priority: 1 });
      expect(decision?.signals).toEqual(['upset', 'upset:learned']);
    });

    test.each([
      ['fi-FI', 'VASTATKAA NYT HETI'],
      ['en-US', 'ANSWER ME NOW'],
    ])('a shouted demand the NLU may take for a goodbye goes to a person as upset, not a farewell (%s: "%s")', async (locale, text) => {
      const replies = await customer(locale)(text);
      expect(handoff(replies)).toMatchObject({ reason: 'upset', priority: 1 });
      expect(handoff(replies)?.signals).toContain('upset:demand');
    });

    test.each([
      ['fi-FI', ['milloin sähköt palaa', 'koska sähköt palaa?', 'no milloin ne sähköt palaa']],
      ['en-US', ['when is the power back', 'when will the power be back?', 'so when is the power coming back']],
    ])('anger that builds by asking the same thing again reaches a person on the third time (%s)', async (locale, turns) => {
      const send = customer(locale);
      expect(handoff(await send(turns[0]!))).toBeUndefined();
      expect(handoff(await send(turns[1]!))).toBeUndefined();
      const decision = handoff(await send(turns[2]!));
      expect(decision).toMatchObject({ reason: 'upset' });
      expect(decision?.signals).toContain('upset:repeated_complaint');
    });
  });

  describe('calm customers stay with the bot', () => {
    test.each([
      ['fi-FI', 'sähkökatko on ikävä, milloin se korjataan?'],
      ['en-US', 'the outage is annoying, when will it be fixed?'],
      ['fi-FI', 'ONKO HELSINGISSÄ KATKOA'],
      ['en-US', 'IS THERE AN OUTAGE IN HELSINKI'],
      ['fi-FI', 'mahtavaa, kiitos paljon! 😊'],
      ['en-US', 'Great, it works again. Thank you!'],
      ['fi-FI', 'miten irtisanon sopimuksen kun muutan ulkomaille?'],
      ['en-US', 'can I switch provider and keep my number?'],
    ])('a calm message is not an upset handoff (%s: "%s")', async (locale, text) => {
      expect(handoff(await customer(locale)(text))?.reason).not.toBe('upset');
    });
  });

  describe('the right reason when several apply in one message', () => {
    test.each([
      ['en-US', 'can a person help me with my invoice?'],
      ['fi-FI', 'voiko joku ihminen auttaa laskuni kanssa?'],
    ])('a request for a person about a bill is a sensitive billing matter, with the request as a signal (%s)', async (locale, text) => {
      const decision = handoff(await customer(locale)(text));
      expect(decision).toMatchObject({ reason: 'sensitive_topic', intent: 'billing', priority: 2 });
      expect(decision?.signals).toEqual(['sensitive_topic', 'customer_request', 'sensitive_topic:intent:billing']);
    });

    test.each([
      ['en-US', 'GIVE ME A HUMAN NOW!!! this is ridiculous'],
      ['fi-FI', 'ANTAKAA IHMINEN HETI!!! tää on naurettavaa'],
    ])('an angry demand for a person is upset (%s)', async (locale, text) => {
      const decision = handoff(await customer(locale)(text));
      expect(decision).toMatchObject({ reason: 'upset', priority: 1 });
    });

    test.each([
      ['en-US', 'I want to talk to a person'],
      ['fi-FI', 'haluan puhua ihmisen kanssa'],
    ])('a bare request for a person stays a customer request (%s)', async (locale, text) => {
      expect(handoff(await customer(locale)(text))).toMatchObject({ reason: 'customer_request', signals: ['customer_request'] });
    });
  });
}
