import { allativeOfName } from '../../core/index.js';

/** Registers this file's tests; ./core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function finnishAllative(): void {
  describe('a name in the allative ("siirsi sinut Annalle")', () => {
    test.each([
      ['Anna', 'Annalle'],
      ['Vili', 'Vilille'],
      ['Ville', 'Villelle'],
      ['Liisa', 'Liisalle'],
      ['Timo', 'Timolle'],
      ['Mia', 'Mialle'],
      ['Tapio', 'Tapiolle'],
      ['Esko', 'Eskolle'],
      ['Kusti', 'Kustille'],
      ['Jyrki', undefined],
      ['Mikko', 'Mikolle'],
      ['Jukka', 'Jukalle'],
      ['Seppo', 'Sepolle'],
      ['Antti', 'Antille'],
      ['Kerttu', 'Kertulle'],
      ['Anna-Liisa', 'Anna-Liisalle'],
      ['Marja-Terttu', 'Marja-Tertulle'],
      ['laskutustiimi', 'laskutustiimille'],
      ['  Anna ', 'Annalle'],
    ])('%s → %s', (name, allative) => {
      expect(allativeOfName(name)).toBe(allative);
    });

    test.each([
      ['a name ending in a consonant', 'Daniel'],
      ['a name ending in a consonant (-s)', 'Tuomas'],
      ['a single t before the last vowel, whose change no rule tells (Satu → Sadulle, Kati → Katille)', 'Satu'],
      ['a cluster ending in t (Ilta → Illalle)', 'Ilta'],
      ['a single k (Aku → Akulle, but Reko → Rekolle)', 'Aku'],
      ['several words, each of which would agree', 'tekninen tuki'],
      ['letters outside Finnish', 'Zoë'],
      ['a login rather than a name', 'vili.k'],
      ['nothing', ''],
    ])('leaves %s alone: %s', (_what, name) => {
      expect(allativeOfName(name)).toBeUndefined();
    });
  });
}
