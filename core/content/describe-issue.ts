import type { z } from 'zod';
import { isLanguage, LANGUAGES } from '../languages.js';

/** Turns a zod issue into a sentence an editor understands: "answers.en must have at least one answer". */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? formatPath(issue.path) : 'the file';
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `'${key}'`).join(', ');
    return `${where === 'the file' ? 'the file' : where} has unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}; check the spelling`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    // A missing language is the usual forgotten translation; say so, rather than only "missing".
    return isLanguage(issue.path.at(-1)) ? `${where} is missing; every language (${LANGUAGES.join(', ')}) needs its own` : `${where} is missing`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'string' && typeof issue.input === 'object' && issue.input !== null && !Array.isArray(issue.input)) {
    // "- Hei: tervetuloa" is a key and a value to YAML, not the text the editor wrote.
    return `${where} ${issue.message}; a text containing \`: \` must be in quotation marks`;
  }
  return `${where} ${issue.message}`;
}

/** ["answers", "en", 2] -> "answers.en[2]" */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}
