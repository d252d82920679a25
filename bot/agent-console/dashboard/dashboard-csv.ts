import type { Language } from '../../../core/index.js';

export type CsvCell = string | number | null;

/**
 * A CSV file Excel opens right in the reader's language: a UTF-8 byte order mark (without it Excel
 * reads "ä" as "Ã¤"), CRLF line ends, RFC 4180 quoting (a field with the separator, a quote or a line
 * break is quoted, quotes doubled). Finnish Excel expects ";" between fields and a decimal comma
 * ("66,7"), English a "," and a decimal point; numbers are written so, with no thousands separator.
 * A text cell starting with = + - @ gets a leading apostrophe, so a spreadsheet never runs it as a
 * formula. An empty cell stands for "no value" (null), never for 0.
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[], language: Language): string {
  const separator = language === 'fi' ? ';' : ',';
  const cell = (value: CsvCell): string => {
    if (value === null) return '';
    const text = typeof value === 'number' ? numberText(value, language) : formulaSafe(value);
    return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [headers, ...rows].map((row) => row.map(cell).join(separator));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function numberText(value: number, language: Language): string {
  const text = String(value);
  return language === 'fi' ? text.replace('.', ',') : text;
}

function formulaSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
