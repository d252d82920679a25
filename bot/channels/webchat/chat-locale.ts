import { languageFromLocale, type Language } from '../../../core/index.js';

/** Web Chat's locale for each language the bot speaks (Web Chat ships Finnish as fi-FI). */
export const WEB_CHAT_LOCALES: Readonly<Record<Language, string>> = { fi: 'fi-FI', en: 'en-US' };

/**
 * The chat page's language: `?locale=` when it names one the bot speaks, else the browser's first
 * supported language from Accept-Language (by q-value), else the default.
 *
 * @example chatLanguage('', 'de-DE,en;q=0.8,fi;q=0.9', 'en') // 'fi'
 */
export function chatLanguage(parameter: string | undefined, acceptLanguage: string | undefined, fallback: Language): Language {
  const asked = languageFromLocale(parameter?.trim() || undefined);
  if (asked) return asked;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return { tag: tag?.trim() ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of preferred) {
    const language = languageFromLocale(entry.tag);
    if (language) return language;
  }
  return fallback;
}
