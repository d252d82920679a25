import { normaliseText, splitWords } from '../text-normaliser.js';
import { stemFinnish } from './finnish-stemmer.js';
import type { LanguagePack } from './language-pack.js';

/**
 * Spoken-language chat forms mapped to the written form, so a colloquial message the examples
 * do not cover still shares words with them ("onks teil" meets "onko teillä"). A Map, because a
 * customer's word looked up in an object literal finds inherited names ("constructor"; review M2).
 */
const CHAT_FORMS: ReadonlyMap<string, string> = new Map(Object.entries({
  mä: 'minä', mie: 'minä', mun: 'minun', mulle: 'minulle', multa: 'minulta', mul: 'minulla', mulla: 'minulla',
  sä: 'sinä', sun: 'sinun', sulle: 'sinulle', sul: 'sinulla',
  me: 'me', meil: 'meillä', teil: 'teillä', teiän: 'teidän', teijän: 'teidän', teille: 'teille', ootte: 'olette', oot: 'olet',
  onks: 'onko', onkse: 'onko', oisko: 'olisiko', ois: 'olisi', oo: 'ole', oon: 'olen', ollu: 'ollut',
  millon: 'milloin', mihi: 'mihin', miks: 'miksi', mis: 'missä', mist: 'mistä', mitä: 'mitä', mikä: 'mikä',
  tää: 'tämä', toi: 'tuo', noi: 'nuo', nää: 'nämä', tänää: 'tänään', huomen: 'huomenna', huomenna: 'huomenna',
  kaa: 'kanssa', kans: 'kanssa', kanssa: 'kanssa', vaa: 'vaan', vielä: 'vielä', viel: 'vielä', nyt: 'nyt', nyte: 'nyt',
  haluun: 'haluan', haluisin: 'haluaisin', voisinks: 'voisinko', voiks: 'voiko', saako: 'saako', saanks: 'saanko',
  pitäis: 'pitäisi', tulis: 'tulisi', ei: 'ei', eiks: 'eikö', jos: 'jos', et: 'että', ku: 'kun', niinku: 'niin kuin',
  kiitti: 'kiitos', kiitos: 'kiitos', moro: 'moi', morjens: 'moi', moikka: 'moi', heipat: 'heippa',
  netti: 'internet', nettiä: 'internetiä', nettiyhteys: 'internetyhteys',
}));

const FUNCTION_WORDS = new Set([
  'ja', 'on', 'ei', 'se', 'että', 'en', 'olen', 'oli', 'ole', 'onko', 'onks', 'kun', 'mutta', 'minä', 'mä', 'minun', 'mun', 'te', 'teillä', 'teil',
  'me', 'sinä', 'sä', 'voiko', 'voinko', 'miten', 'missä', 'mis', 'mikä', 'mitä', 'milloin', 'millon', 'miksi', 'miks', 'kuinka', 'kanssa', 'kaa',
  'nyt', 'vielä', 'jo', 'myös', 'tai', 'tämä', 'tää', 'hei', 'moi', 'kiitos', 'kiitti', 'olette', 'ootte', 'haluan', 'haluun', 'apua', 'ihmisen',
  'auki', 'tilaus', 'lasku', 'paketti', 'häiriö', 'huomenna', 'tänään', 'sunnuntaina', 'ihminen', 'asiakaspalvelu', 'joo', 'juu', 'ok', 'no',
]);

export const finnish: LanguagePack = {
  language: 'fi',
  tokenise(text) {
    return splitWords(normaliseText(text)).flatMap((word) => (CHAT_FORMS.get(word) ?? word).split(' '));
  },
  stem: stemFinnish,
  functionWords: FUNCTION_WORDS,
};
