import { describe, expect, test } from '@jest/globals';
import { toCsv } from '../../../../bot/agent-console/dashboard/dashboard-csv.js';

/** Registers this file's tests; ../console-views-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function dashboardDashboardCsv(): void {
  describe("CSV for Excel in the reader's language", () => {
    test('Finnish: ";" between fields, a decimal comma, and only fields with ";", quotes or line breaks quoted', () => {
      const csv = toCsv(
        ['Aihe', 'Osuus (%)'],
        [
          ['Laskutus; maksut', 66.7],
          ['Sanoi "ei"', 5],
          ['kaksi\nriviä', null],
          ['1,5 min', 0.5],
        ],
        'fi',
      );
      expect(csv).toBe('\uFEFFAihe;Osuus (%)\r\n"Laskutus; maksut";66,7\r\n"Sanoi ""ei""";5\r\n"kaksi\nriviä";\r\n1,5 min;0,5\r\n');
    });

    test('English: "," between fields and a decimal point; a field with "," is quoted', () => {
      expect(toCsv(['Intent', 'Share'], [['billing, invoices', 66.7]], 'en')).toBe('\uFEFFIntent,Share\r\n"billing, invoices",66.7\r\n');
    });

    test('text that a spreadsheet would run as a formula gets a leading apostrophe; numbers are left alone', () => {
      expect(toCsv(['x'], [['=HYPERLINK("http://evil")'], ['+1'], ['@SUM(A1)'], [-3]], 'en')).toBe(
        '\uFEFFx\r\n"\'=HYPERLINK(""http://evil"")"\r\n\'+1\r\n\'@SUM(A1)\r\n-3\r\n',
      );
    });
  });
}
