import { loadMessages } from '../../../core/content/index.js';
import { textsOf } from '../../../dialogs/messages.js';
import { askedServices } from '../../../dialogs/outage/asked-services.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function outageAskedServicesTests(): void {
  let texts: { fi: ReturnType<typeof textsOf>; en: ReturnType<typeof textsOf> };
  beforeAll(async () => {
    const { messages } = await loadMessages(PROJECT_ROOT);
    texts = { fi: textsOf(messages, 'fi'), en: textsOf(messages, 'en') };
  });

  describe("askedServices (the editors' words per service in messages/bot.yaml)", () => {
    test.each([
      ['fi', 'onko Helsingissä sähkökatkoa', ['electricity']],
      ['fi', 'miks mul ei oo sähköjä', ['electricity']],
      ['fi', 'netti ei toimi', ['internet']],
      ['fi', 'nettiyhteys pätkii Tampereella', ['internet']],
      ['fi', 'puhelimessa ei ole kenttää', ['mobile']],
      ['fi', 'tv ei näy eikä netti toimi', ['internet', 'tv']],
      ['fi', 'onko häiriöitä', []],
      ['fi', 'sähköpostini ei toimi', []],
      ['en', 'no power at home in Espoo', ['electricity']],
      ['en', 'my wi-fi keeps dropping', ['internet']],
      ['en', 'is there an outage?', []],
    ] as const)('%s "%s" asks about %j', (language, text, services) => {
      expect(askedServices(text, texts[language])).toEqual(services);
    });
  });
}
