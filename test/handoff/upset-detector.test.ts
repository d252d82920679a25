import { fileURLToPath } from 'node:url';
import { loadLexicon } from '../../core/content/index.js';
import { detectUpset, type UpsetLexicon } from '../../handoff/index.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

let lexicon: UpsetLexicon;

beforeAll(async () => {
  const loaded = await loadLexicon(PROJECT_ROOT);
  expect(loaded.problems).toEqual([]);
  lexicon = loaded.lexicon;
});

describe('detectUpset', () => {
  test('a Finnish customer asking for the third time with nobody answering is upset', () => {
    expect(detectUpset('Tämä on jo kolmas kerta kun kysyn eikä kukaan vastaa!!!', 'fi', lexicon)).toEqual({
      score: 5,
      signals: ['lexicon:kolmas kerta', 'lexicon:eikä kukaan vastaa', 'repeated_punctuation'],
    });
  });

  test('an English customer shouting that nobody answers is upset', () => {
    expect(detectUpset('THIS IS RIDICULOUS, nobody answers', 'en', lexicon)).toEqual({
      score: 5,
      signals: ['lexicon:ridiculous', 'lexicon:nobody answers', 'all_caps'],
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

  test('scores the longest phrase once instead of its parts as well', () => {
    expect(detectUpset('Kuinka monta kertaa pitää kysyä', 'fi', lexicon)).toEqual({ score: 2, signals: ['lexicon:kuinka monta kertaa'] });
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

  test('three or more exclamation or question marks count, one or two do not', () => {
    expect(detectUpset('Onko teillä häiriöitä???', 'fi', lexicon)).toEqual({ score: 1, signals: ['repeated_punctuation'] });
    expect(detectUpset('Onko teillä häiriöitä?!', 'fi', lexicon).signals).toEqual([]);
  });

  test('a threat to cancel counts, cancelling an order does not', () => {
    expect(detectUpset('I will cancel my subscription if this is not fixed', 'en', lexicon).signals).toEqual(['cancel_threat']);
    expect(detectUpset('Peruutan koko sopimuksen', 'fi', lexicon).signals).toEqual(['cancel_threat']);
    expect(detectUpset('I want to cancel my order', 'en', lexicon).signals).toEqual([]);
  });

  test('a threat the lexicon already scored is not counted again as a cancel threat', () => {
    expect(detectUpset('Irtisanon sopimuksen heti', 'fi', lexicon).signals).toEqual(['lexicon:irtisanon sopimuksen']);
  });

  test('English negative sentiment counts when no lexicon phrase matched', () => {
    expect(detectUpset('The invoice is wrong and the app is broken', 'en', lexicon).signals).toEqual(['negative_sentiment']);
    expect(detectUpset('I am frustrated', 'en', lexicon).signals).toEqual(['lexicon:frustrated']);
  });
});
