import { fileURLToPath } from 'node:url';
import { loadLexicon } from '../../core/content/index.js';
import { detectUpset, type UpsetLexicon } from '../../handoff/index.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function upsetDetectorTests(): void {
  const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
  /** The default UPSET_THRESHOLD: a message scoring this much reaches a person on its own. */
  const THRESHOLD = 3;

  let lexicon: UpsetLexicon;

  beforeAll(async () => {
    const loaded = await loadLexicon(PROJECT_ROOT);
    expect(loaded.problems).toEqual([]);
    lexicon = loaded.lexicon;
  });

  describe('detectUpset', () => {
    test('a Finnish customer asking for the third time with nobody answering is upset', () => {
      expect(detectUpset('Tämä on jo kolmas kerta kun kysyn eikä kukaan vastaa!!!', 'fi', lexicon)).toEqual({
        score: 6,
        signals: ['lexicon:kolmas kerta', 'lexicon:eikä kukaan vastaa', 'repeated_punctuation'],
      });
    });

    test('an English customer shouting that nobody answers is upset', () => {
      expect(detectUpset('THIS IS RIDICULOUS, nobody answers', 'en', lexicon)).toEqual({
        score: 7,
        signals: ['lexicon:ridiculous', 'lexicon:nobody answers', 'all_caps', 'shouted_complaint'],
      });
    });

    test('plain service questions score zero in both languages', () => {
      expect(detectUpset('Missä tilaukseni on?', 'fi', lexicon)).toEqual({ score: 0, signals: [] });
      expect(detectUpset('Where is my order? Thanks!', 'en', lexicon)).toEqual({ score: 0, signals: [] });
    });

    test('matches lexicon phrases as word prefixes, whatever the case, but not inside words', () => {
      const small: UpsetLexicon = { fi: [{ phrase: 'surkea', weight: 2 }], en: [{ phrase: 'scam', weight: 3 }] };
      expect(detectUpset('Aivan SURKEAA palvelua', 'fi', small).signals).toEqual(['lexicon:surkea']);
      expect(detectUpset('Tosi epäsurkea', 'fi', small).signals).toEqual([]);
      expect(detectUpset('This is a Scam.', 'en', small).signals).toEqual(['lexicon:scam']);
    });

    test.each([['kolmannen kerran kysyn samaa'], ['kysyn tätä nyt kolmatta kertaa'], ['tää on jo kolmas kerta']])(
      'matches an inflected or spoken form of every word of a phrase: "%s" is "kolmas kerta"',
      (text) => {
        const small: UpsetLexicon = { fi: [{ phrase: 'kolmas kerta', weight: 2 }], en: [] };
        expect(detectUpset(text, 'fi', small).signals).toEqual(['lexicon:kolmas kerta']);
      },
    );

    test('matches a phrase with an intensifier in between', () => {
      expect(detectUpset('Ottaa niin päähän', 'fi', lexicon).signals).toEqual(['lexicon:ottaa päähän']);
      expect(detectUpset('so totally fed up', 'en', lexicon).signals).toEqual(['lexicon:fed up']);
    });

    test('prefers the phrase as the editor wrote it over a lookalike stem', () => {
      // Both stem to "frustrat"; the situation word weighs 2, the feeling 3.
      expect(detectUpset('it is frustrating', 'en', lexicon).signals).toEqual(['lexicon:frustrating']);
      expect(detectUpset('I am frustrated', 'en', lexicon).signals).toEqual(['lexicon:frustrated']);
    });

    test('scores the longest phrase once instead of its parts as well', () => {
      expect(detectUpset('Kuinka monta kertaa pitää kysyä', 'fi', lexicon)).toEqual({ score: 3, signals: ['lexicon:kuinka monta kertaa'] });
      expect(detectUpset('Yet again the same', 'en', lexicon).signals).toEqual(['lexicon:yet again']);
    });

    test('matches phrases the editor wrote with punctuation', () => {
      expect(detectUpset('What a rip-off', 'en', lexicon).signals).toEqual(['lexicon:rip-off']);
      expect(detectUpset('Ala-arvoista palvelua', 'fi', lexicon).signals).toEqual(['lexicon:ala-arvoista']);
    });

    test('a single acronym or two apart is not shouting, a run of capitals is', () => {
      expect(detectUpset('The IBAN on my PDF invoice', 'en', lexicon).signals).not.toContain('all_caps');
      expect(detectUpset('MISSÄ MINUN PAKETTI', 'fi', lexicon).signals).toContain('all_caps');
      expect(detectUpset('Where is my ORDER from the SHOP', 'en', lexicon).signals).not.toContain('all_caps');
    });

    test('a routine question in capitals is not upset, a shouted complaint or demand is', () => {
      expect(detectUpset('ONKO HELSINGISSÄ KATKOA', 'fi', lexicon).score).toBeLessThan(THRESHOLD);
      expect(detectUpset('IS THERE AN OUTAGE IN HELSINKI', 'en', lexicon).score).toBeLessThan(THRESHOLD);
      expect(detectUpset('MILLOIN TÄMÄ KORJATAAN???', 'fi', lexicon).signals).toEqual(['all_caps', 'repeated_punctuation', 'shouted_complaint']);
      expect(detectUpset('VASTATKAA NYT HETI', 'fi', lexicon).signals).toEqual(['lexicon:nyt heti', 'all_caps', 'shouted_complaint', 'demand']);
      expect(detectUpset('EI TOIMI EDELLEENKÄÄN', 'fi', lexicon).score).toBeGreaterThanOrEqual(THRESHOLD);
    });

    test('three or more exclamation or question marks count, one or two do not', () => {
      expect(detectUpset('Onko teillä häiriöitä???', 'fi', lexicon)).toEqual({ score: 1, signals: ['repeated_punctuation'] });
      expect(detectUpset('Onko teillä häiriöitä?!', 'fi', lexicon).signals).toEqual([]);
    });

    test('an imperative with urgency is a demand, a polite request is not', () => {
      expect(detectUpset('korjatkaa se heti', 'fi', lexicon).signals).toEqual(['demand']);
      expect(detectUpset('fix it now', 'en', lexicon).signals).toEqual(['demand']);
      expect(detectUpset('a real person NOW', 'en', lexicon).signals).toEqual(['demand']);
      expect(detectUpset('kertokaa milloin sähköt palaavat', 'fi', lexicon).signals).toEqual([]);
      expect(detectUpset('please connect me to your staff', 'en', lexicon).signals).toEqual([]);
    });

    test('praise next to a complaint is sarcasm; praise alone is thanks', () => {
      expect(detectUpset('no mahtavaa, taas ilman sähköjä 👏', 'fi', lexicon).signals).toEqual(['lexicon:taas', 'sarcasm', 'sarcastic_emoji']);
      expect(detectUpset('oh brilliant, nothing works again', 'en', lexicon).signals).toContain('sarcasm');
      expect(detectUpset('mahtavaa, kiitos paljon! 😊', 'fi', lexicon)).toEqual({ score: 0, signals: [] });
      expect(detectUpset('Great, it works again. Thank you!', 'en', lexicon).score).toBeLessThan(THRESHOLD);
      expect(detectUpset('not great that the internet is down, but thanks for letting me know', 'en', lexicon).signals).not.toContain('sarcasm');
    });

    test('an angry emoji is upset alone or with a complaint; one clap after good news is not', () => {
      expect(detectUpset('🤬', 'fi', lexicon)).toEqual({ score: 3, signals: ['angry_emoji'] });
      expect(detectUpset('outage again 🙄', 'en', lexicon).signals).toContain('angry_emoji');
      expect(detectUpset('👏👏👏', 'en', lexicon).signals).toEqual(['sarcastic_emoji']);
      expect(detectUpset('hienoa että sähköt palasi nopeasti 👏', 'fi', lexicon).score).toBeLessThan(THRESHOLD);
    });

    test('a feeling about the service reaches a person on its own, a calm word about the situation does not', () => {
      expect(detectUpset('olen todella pettynyt teihin', 'fi', lexicon).score).toBeGreaterThanOrEqual(THRESHOLD);
      expect(detectUpset("I'm really disappointed", 'en', lexicon).score).toBeGreaterThanOrEqual(THRESHOLD);
      expect(detectUpset("I'm really angry about this", 'en', lexicon).score).toBeGreaterThanOrEqual(THRESHOLD);
      expect(detectUpset('sähkökatko on ikävä, milloin se korjataan?', 'fi', lexicon)).toEqual({ score: 0, signals: [] });
      expect(detectUpset('the outage is annoying, when will it be fixed?', 'en', lexicon).score).toBeLessThan(THRESHOLD);
      expect(detectUpset('ärsyttävä tää katko mut kai se siitä', 'fi', lexicon).score).toBeLessThan(THRESHOLD);
    });

    test('a softener makes a feeling mild', () => {
      expect(detectUpset('Olen vähän pettynyt', 'fi', lexicon)).toEqual({ score: 1, signals: ['lexicon:pettynyt'] });
      expect(detectUpset('a bit disappointed', 'en', lexicon)).toEqual({ score: 1, signals: ['lexicon:disappointed'] });
    });

    test('a threat to leave or go public counts, the same words in a how-to question do not', () => {
      expect(detectUpset('I will cancel my subscription if this is not fixed', 'en', lexicon).signals).toEqual(['cancel_threat']);
      expect(detectUpset('Peruutan koko sopimuksen', 'fi', lexicon).signals).toEqual(['cancel_threat']);
      expect(detectUpset('kirjoitan tästä facebookiin', 'fi', lexicon).signals).toEqual(['public_threat']);
      expect(detectUpset("I'll post this on Twitter", 'en', lexicon).signals).toEqual(['public_threat']);
      expect(detectUpset('vaihdan sähköyhtiötä heti kun voin', 'fi', lexicon).signals).toContain('threat:vaihdan sähköyhtiötä');
      expect(detectUpset('miten irtisanon sopimuksen kun muutan ulkomaille?', 'fi', lexicon)).toEqual({ score: 0, signals: [] });
      expect(detectUpset('can I switch provider and keep my number?', 'en', lexicon)).toEqual({ score: 0, signals: [] });
      expect(detectUpset('I want to cancel my order', 'en', lexicon).signals).toEqual([]);
    });

    test('a threat phrase is counted once, not again as a cancel threat', () => {
      expect(detectUpset('Irtisanon sopimuksen heti', 'fi', lexicon).signals).toEqual(['threat:irtisanon sopimuksen']);
    });

    test('saying again what the customer already wrote is a repeated complaint', () => {
      expect(detectUpset('missä on mun paketti', 'fi', lexicon, ['missä mun paketti on', 'missä se paketti on?']).signals).toEqual(['repeated_complaint']);
      expect(detectUpset('where is my package', 'en', lexicon, ["where's the package?"]).signals).toEqual(['repeated_complaint']);
      expect(detectUpset('ok kiitos', 'fi', lexicon, ['ok kiitos'])).toEqual({ score: 0, signals: [] });
      expect(detectUpset('and in espoo?', 'en', lexicon, ['any outages in turku'])).toEqual({ score: 0, signals: [] });
    });

    test('English negative sentiment counts when nothing else did', () => {
      expect(detectUpset('The invoice is wrong and the app is broken', 'en', lexicon).signals).toEqual(['negative_sentiment']);
      expect(detectUpset('I am frustrated', 'en', lexicon).signals).toEqual(['lexicon:frustrated']);
    });
  });
}
