import { describe, expect, test } from '@jest/globals';
import type { Language } from '../../core/index.js';
import { turnLanguage, type LanguageSources } from '../../dialogs/index.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function turnLanguageTests(): void {
  describe('turnLanguage: one fallback chain for the language of a turn', () => {
    test.each<[string, LanguageSources, Language]>([
      ['what the message says first', { spoken: 'en', conversation: 'fi', locale: 'fi-FI', configured: 'fi' }, 'en'],
      ['then the conversation language', { conversation: 'en', locale: 'fi-FI', configured: 'fi' }, 'en'],
      ['then the channel locale', { locale: 'en-GB', configured: 'fi' }, 'en'],
      ['a locale the bot does not speak is skipped', { locale: 'sv-SE', configured: 'en' }, 'en'],
      ['then DEFAULT_LANGUAGE, never a hard-coded Finnish', { configured: 'en' }, 'en'],
      ['DEFAULT_LANGUAGE fi', { configured: 'fi' }, 'fi'],
    ])('%s', (_name, sources, expected) => {
      expect(turnLanguage(sources)).toBe(expected);
    });
  });
}
