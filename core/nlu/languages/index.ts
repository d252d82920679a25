import type { Language } from '../../languages.js';
import { english } from './english.js';
import { finnish } from './finnish.js';
import type { LanguagePack } from './language-pack.js';

export type { LanguagePack } from './language-pack.js';

export const LANGUAGE_PACKS: Record<Language, LanguagePack> = { fi: finnish, en: english };
