import { FINNISH_PLACES, type PlaceName } from './finnish-places.js';
import { foldPlaceText, inflectionStems, isFormOf, lowerPlaceText } from './finnish-inflection.js';

/** What a message says about where the customer is. */
export interface PlaceMention {
  /** The place's name as listed ("Tampere" for "Tampereella"), when a known place was named. */
  area?: string;
  /** A five-digit postal code, when one was given. */
  postalCode?: string;
}

interface Entry {
  name: string;
  /** Stems of each word of the name; only the last word of a name inflects ("Pohjois-Tampere" -> "Pohjois-Tampereella"). */
  stems: string[];
  /** Lowercase words before the inflecting one, for names of several words ("Etelä Tapiola"). */
  head: string[];
}

/** Everyday words that happen to be a form of a town's name: "kemia" (chemistry) is not Kemi. */
const NOT_PLACES = new Set(['kemia', 'kemiaa']);

const POSTAL_CODE = /(?<![\p{N}])\d{5}(?![\p{N}])/u;

/**
 * Finds the place a customer names, in any Finnish case or spoken form, among the Finnish towns and
 * the areas of the outage feed: "onks Tampereel sähköt poikki" -> Tampere, "Helsingissä" -> Helsinki.
 * Feed areas win over the town list, so "Kallio" is the feed's "Kallio".
 * @example new PlaceMatcher(['Kallio']).find('onko Kalliossa katko?') // { area: 'Kallio' }
 */
export class PlaceMatcher {
  private readonly entries: Entry[];

  constructor(extraAreas: readonly string[] = [], places: readonly PlaceName[] = FINNISH_PLACES) {
    const seen = new Set<string>();
    this.entries = [];
    const add = (name: string, canonical: string, extraStems: readonly string[] = []) => {
      const key = foldPlaceText(name);
      if (seen.has(key) || key.trim().length < 3) return;
      seen.add(key);
      const words = lowerPlaceText(name).split(/[\s]+/).filter(Boolean);
      const last = words.at(-1)!;
      // A hyphenated name inflects in its last part: "mantta-vilppula" -> "mantta-vilppulassa".
      const lastPart = last.split('-').at(-1)!;
      const prefix = last.slice(0, last.length - lastPart.length);
      this.entries.push({ name: canonical, head: words.slice(0, -1), stems: inflectionStems(lastPart, extraStems).map((stem) => prefix + stem) });
    };
    for (const area of extraAreas) add(area, area.trim());
    for (const place of places) {
      add(place.name, place.name, place.stems);
      for (const alias of place.aliases ?? []) add(alias, place.name);
    }
  }

  /** The first place and the postal code the text names, if any. */
  find(text: string): PlaceMention {
    const postalCode = POSTAL_CODE.exec(text)?.[0];
    const area = this.findAll(text)[0];
    return { ...(area ? { area } : {}), ...(postalCode ? { postalCode } : {}) };
  }

  /** Every place named, in the order of the text, each once. */
  findAll(text: string): string[] {
    const words = lowerPlaceText(text)
      .split(/[^\p{L}\p{N}-]+/u)
      .map((word) => word.replace(/^-+|-+$/g, ''))
      .filter(Boolean);
    const found: string[] = [];
    words.forEach((word, index) => {
      if (NOT_PLACES.has(word)) return;
      const entry = this.entries.find(
        (candidate) =>
          isFormOf(word, candidate.stems) &&
          candidate.head.every((head, offset) => foldPlaceText(words[index - candidate.head.length + offset] ?? '') === foldPlaceText(head)),
      );
      if (entry && !found.includes(entry.name)) found.push(entry.name);
    });
    return found;
  }
}

/** Whether two place names are the same place as written in a feed: case and diacritics do not count. */
export function samePlace(a: string, b: string): boolean {
  return foldPlaceText(a.trim()) === foldPlaceText(b.trim());
}
