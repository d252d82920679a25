import { describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { useSuiteBot } from '../support/suite-bot.js';

/** Registers this file's tests; test/handoff/handoffs-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function nextStepMessage(): void {
  const suite = useSuiteBot();
  let conversation = 0;

  /** A new customer says each message in turn; returns the bot's next-step message to the last one, without its queue place. */
  async function nextStep(locale: string, messages: string[]): Promise<string> {
    const id = `next-step-${++conversation}`;
    let replies: Activity[] = [];
    for (const text of messages) replies = await suite.bot.send(text, { conversationId: id, locale, from: { id: `user-${id}` } });
    expect(replies.some((activity) => activity.type === 'event' && activity.name === 'handoff.initiate')).toBe(true);
    const [message] = replies.filter((activity) => activity.type === 'message');
    return (message?.text ?? '').replace(/\d+/g, 'N');
  }

  const FI_UPSET_NEXT =
    'Ohjaan asiasi asiakaspalvelijallemme. Hän näkee, mitä olet jo kertonut, ja jatkaa keskustelua tässä samassa chatissa.\n\nOlet jonossa sijalla N. En pysty vielä arvioimaan odotusaikaa.\n\n' +
    'Kirjoita sillä välin tähän lisätietoja, esimerkiksi tilausnumero tai mitä tapahtui, niin ne ovat valmiina. Jos haluat perua pyynnön, kirjoita "peru".';
  const EN_UPSET_NEXT =
    "I'm passing your case to one of our agents. They will see what you have already told me and continue right here.\n\nYou are number N in the queue. I can't estimate the wait yet.\n\n" +
    'Meanwhile, write any details here, such as your order number or what happened, so they are ready. To cancel the request, write "cancel".';

  describe('the next-step message names why a person takes over and what happens next', () => {
    test.each([
      ['fi-FI', ['missä mun paketti on, olen tosi vihainen tästä'], `Pahoittelen, ettei tilauksesi ole sujunut niin kuin pitäisi.\n\n${FI_UPSET_NEXT}`],
      ['en-US', ["where is my parcel? I'm really angry about this"], `I'm sorry that your order hasn't gone as it should.\n\n${EN_UPSET_NEXT}`],
      ['fi-FI', ['miksi laskuni on näin suuri? olen todella pettynyt teihin'], `Pahoittelen, että laskusi on aiheuttanut huolta.\n\n${FI_UPSET_NEXT}`],
      ['en-US', ["why is my bill so high, I'm really disappointed"], `I'm sorry that your bill has caused you worry.\n\n${EN_UPSET_NEXT}`],
      ['fi-FI', ['no mahtavaa, taas ilman sähköjä 👏'], `Pahoittelen, että vika haittaa arkeasi.\n\n${FI_UPSET_NEXT}`],
      ['en-US', ["I'm really disappointed with your product, it broke"], `I'm sorry that we have let you down.\n\n${EN_UPSET_NEXT}`],
    ])('apologises for what the upset customer asked about (%s: %j)', async (locale, messages, text) => {
      expect(await nextStep(locale, messages)).toBe(text);
    });

    test.each([
      ['fi-FI', 'netti ei toimi', `Pahoittelen, että olet joutunut kysymään samaa monta kertaa.\n\n${FI_UPSET_NEXT}`],
      ['en-US', 'my internet does not work', `I'm sorry that you've had to ask more than once.\n\n${EN_UPSET_NEXT}`],
    ])('apologises for making the customer ask again when the same complaint comes a third time (%s)', async (locale, complaint, text) => {
      expect(await nextStep(locale, [complaint, complaint, complaint])).toBe(text);
    });

    test.each([
      ['en-US', 'Great, another outage. Thanks a lot', `I'm sorry that your issue isn't solved yet.\n\n${EN_UPSET_NEXT}`],
      ['fi-FI', 'VASTATKAA NYT HETI', `Pahoittelen, ettei asiasi ole vielä ratkennut.\n\n${FI_UPSET_NEXT}`],
    ])('apologises that the matter is not solved when the topic is unclear (%s)', async (locale, message, text) => {
      expect(await nextStep(locale, [message])).toBe(text);
    });

    test.each([
      [
        'fi-FI',
        'miksi laskuni on näin suuri',
        'Laskuasiat hoitaa asiakaspalvelijamme, koska ne vaativat tunnistamisen. Hän jatkaa tätä keskustelua tässä samassa chatissa.\n\nOlet jonossa sijalla N. En pysty vielä arvioimaan odotusaikaa.\n\n' +
          'Kirjoita sillä välin tähän lisätietoja, esimerkiksi tilausnumero tai mitä tapahtui, niin ne ovat valmiina. Jos haluat perua pyynnön, kirjoita "peru".',
      ],
      [
        'en-US',
        'why is my bill so high',
        "One of our agents handles billing, because it needs us to identify you. They will continue this conversation right here.\n\nYou are number N in the queue. I can't estimate the wait yet.\n\n" +
          'Meanwhile, write any details here, such as your order number or what happened, so they are ready. To cancel the request, write "cancel".',
      ],
    ])('says billing goes to a person because it needs identification, without an apology (%s)', async (locale, message, text) => {
      const said = await nextStep(locale, [message]);
      expect(said).toBe(text);
      expect(said).not.toMatch(/turvallisuussy|safe/);
    });
  });
}
