import { inflectionStems, PlaceMatcher } from '../../../../dialogs/outage/places/index.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function outagePlacesPlaceMatcherTests(): void {
  const matcher = new PlaceMatcher(['Kallio', 'Hervanta', 'Etelä-Tapiola']);
  const areaOf = (text: string) => matcher.find(text).area;

  describe('PlaceMatcher', () => {
    test.each([
      ['Tampere', 'Tampere'],
      ['Tampereella', 'Tampere'],
      ['onko Tampereella sähkökatko', 'Tampere'],
      ['onks Tampereel sähköt poikki', 'Tampere'],
      ['Tampereelta', 'Tampere'],
      ['Tamperetta', 'Tampere'],
      ['Helsingissä', 'Helsinki'],
      ['onks nettikatko Helsingis', 'Helsinki'],
      ['Helsinkiin', 'Helsinki'],
      ['Oulussa', 'Oulu'],
      ['Ouluun', 'Oulu'],
      ['Oulussakin', 'Oulu'],
      ['Turussa', 'Turku'],
      ['Lahdessa', 'Lahti'],
      ['Lahteen', 'Lahti'],
      ['Seinäjoella', 'Seinäjoki'],
      ['Rovaniemellä', 'Rovaniemi'],
      ['Lappeenrannassa', 'Lappeenranta'],
      ['Vihdissä', 'Vihti'],
      ['Hangossa', 'Hanko'],
      ['Kurikassa', 'Kurikka'],
      ['Espooseen', 'Espoo'],
      ['Vantaalla', 'Vantaa'],
      ['Kauniaisissa', 'Kauniainen'],
      ['Uudessakaupungissa', 'Uusikaupunki'],
      ['Varkaudessa', 'Varkaus'],
      ['Nurmeksessa', 'Nurmes'],
      ['Jyvaskylassa', 'Jyväskylä'],
      ['Tammerfors', 'Tampere'],
      ['is there an outage in Espoo?', 'Espoo'],
    ])('finds %s as %s', (text, place) => {
      expect(areaOf(text)).toBe(place);
    });

    test("finds the outage feed's own areas in their inflected forms", () => {
      expect(areaOf('onko Kalliossa katko')).toBe('Kallio');
      expect(areaOf('Hervannassa ei oo nettiä')).toBe('Hervanta');
      expect(areaOf('Etelä-Tapiolassa')).toBe('Etelä-Tapiola');
    });

    test('does not take everyday words for towns', () => {
      expect(areaOf('koko talosta lähti sähköt')).toBeUndefined(); // lähti, not Lahti
      expect(areaOf('maksu ei mennyt läpi')).toBeUndefined(); // läpi, not Lappi
      expect(areaOf('netti ei toimi huomenna')).toBeUndefined();
      expect(areaOf('sähköt poikki')).toBeUndefined();
    });

    test('finds a postal code, alone or with a town', () => {
      expect(matcher.find('33100')).toEqual({ postalCode: '33100' });
      expect(matcher.find('Tampere 33100')).toEqual({ area: 'Tampere', postalCode: '33100' });
      expect(matcher.find('tilaus 1234567')).toEqual({});
    });

    test('lists every place once, in the order of the text', () => {
      expect(matcher.findAll('muutin Tampereelta Ouluun, mutta Tampereella oli katko')).toEqual(['Tampere', 'Oulu']);
    });
  });

  describe('inflectionStems', () => {
    test('adds the e-stem and the weak grade of an old i-word', () => {
      expect(inflectionStems('Lahti')).toEqual(['lahti', 'lahte', 'lahdi', 'lahde']);
    });

    test('adds the long e-stem of an e-word', () => {
      expect(inflectionStems('Tampere')).toEqual(['tampere', 'tamperee']);
    });
  });
}
