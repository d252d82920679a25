import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { codeInWords, parseSummaryWords, type SummaryWordList } from '../../../bot/agent-console/summary-words.js';
import { LANGUAGES } from '../../../core/index.js';
import { formatProblem, loadIntents } from '../../../core/content/index.js';
import { VERDICTS } from '../../../core/nlu/index.js';
import { PERSONAL_DATA_KINDS } from '../../../core/privacy/index.js';
import { DETAIL_KEYS } from '../../../dialogs/conversation-data.js';
import { HANDOFF_REASONS, SURFACE_SIGNAL_WEIGHTS } from '../../../handoff/index.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; ./console-views-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function summaryWords(): void {
  const FILE = path.join(PROJECT_ROOT, 'messages', 'case-summary.yaml');
  let words: SummaryWordList;
  let sensitiveIntents: string[];

  beforeAll(async () => {
    const parsed = parseSummaryWords('case-summary.yaml', await readFile(FILE, 'utf8'));
    expect(parsed.problems.map(formatProblem)).toEqual([]);
    words = parsed.words!;
    sensitiveIntents = (await loadIntents(PROJECT_ROOT)).intents.filter((intent) => intent.sensitive).map((intent) => intent.name);
  });

  /**
   * Every reason and signal code the bot can record (escalation-policy.ts, dialogs/handoff-request.ts,
   * upset-detector.ts), with sample words where the code carries the customer's own ("lexicon:taas").
   */
  function everyCode(): string[] {
    const surface = Object.keys(SURFACE_SIGNAL_WEIGHTS).filter((name) => name !== 'threat');
    return [
      ...Object.values(HANDOFF_REASONS),
      ...surface.map((name) => `upset:${name}`),
      'upset:lexicon:taas',
      'upset:threat:irtisanon sopimuksen',
      ...Object.values(PERSONAL_DATA_KINDS).map((kind) => `sensitive_topic:personal_data:${kind}`),
      ...sensitiveIntents.map((intent) => `sensitive_topic:intent:${intent}`),
      'sensitive_topic:intent:an_intent_added_later',
      'sensitive_topic:verification_failed',
      'customer_request:person_promised:complaint',
      ...VERDICTS.map((verdict) => `low_confidence:verdict:${verdict}`),
    ];
  }

  describe('the case summary words (messages/case-summary.yaml)', () => {
    test('every reason and signal code the bot can record has words in Finnish and English', () => {
      expect(sensitiveIntents).toContain('billing');
      const missing = everyCode().flatMap((code) =>
        LANGUAGES.filter((language) => codeInWords(words, code, language, { topic: 'Laskutus' }) === undefined).map((language) => `${code} (${language})`),
      );
      expect(missing).toEqual([]);
    });

    test('every detail the dialogs collect has a label in Finnish and English', () => {
      const missing = DETAIL_KEYS.flatMap((key) => LANGUAGES.filter((language) => !words.details[key]?.[language]).map((language) => `${key} (${language})`));
      expect(missing).toEqual([]);
    });

    test("an exact code wins over the general one, and the general one fills in the topic and the customer's words", () => {
      expect(codeInWords(words, 'sensitive_topic:intent:billing', 'fi')).toBe('Laskutusasia – siirretty, koska laskuasiat vaativat tunnistamisen');
      expect(codeInWords(words, 'sensitive_topic:intent:contract', 'en', { topic: 'Contracts' })).toBe(
        'Contracts – handed over because the matter is sensitive',
      );
      expect(codeInWords(words, 'upset:lexicon:taas', 'fi')).toBe('tuohtunut ilmaus: "taas"');
      expect(codeInWords(words, 'no_such_code', 'fi')).toBeUndefined();
    });

    test('a file missing a language is refused with the line to fix', () => {
      const text = 'version: 1\ncodes:\n  upset:\n    fi: Tuohtunut\ndetails: {}\n';
      expect(parseSummaryWords('case-summary.yaml', text).problems.map(formatProblem)).toEqual([expect.stringMatching(/^case-summary\.yaml:3: .*en/)]);
    });
  });
}
