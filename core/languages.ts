/** Languages the bot speaks. Adding Swedish means adding "sv" here and a language pack in nlu/languages. */
export const LANGUAGES = ['fi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a BCP 47 locale such as "fi-FI" or "en-US" to a supported language, or undefined. */
export function languageFromLocale(locale: string | undefined): Language | undefined {
  const primary = locale?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : undefined;
}
