import path from 'node:path';
import { formatProblem, loadContent } from '../../../core/content/index.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function contentEveryProblemAtOnce(): void {
  const MANY_PROBLEMS = path.join(PROJECT_ROOT, 'test/fixtures/content-many-problems');

  describe('the content check', () => {
    test('lists every problem of every file at once, no stage hiding another, sorted by file and line', async () => {
      const { problems } = await loadContent(MANY_PROBLEMS, { knownDialogs: ['order_status'], requiredMessages: ['welcome', 'goodbye', 'not_understood'] });
      expect(problems.map(formatProblem)).toEqual([
        // YAML mistakes: every one in the file, in plain words, on the line to fix.
        'intents/billing.yaml:16: this line is indented more than the list above it, so it is read as part of the line before; list items must line up under each other',
        'intents/billing.yaml:21: this line is indented more than the list above it, so it is read as part of the line before; list items must line up under each other',
        'intents/billing.yaml:22: the key `answers` appears twice (also on line 8); keep one',
        'intents/billing.yaml:26: a quotation mark " is not closed; close it on the same line',
        'intents/complaint.yaml:9: a tab is used for indenting; use spaces',
        // Schema mistakes of one file, all of them, and the dialog check despite them.
        'intents/greeting.yaml:8: examples.en is missing; every language (fi, en) needs its own',
        "intents/greeting.yaml:18: dialog 'small_talk' does not exist; known dialogs: order_status",
        'intents/greeting.yaml:19: sensitive must be true or false',
        // A schema error does not keep a file out of the duplicate check, on either side.
        'intents/order_status.yaml:20: answers.en[0] must be text; a text containing `: ` must be in quotation marks',
        'intents/thanks.yaml:2: version must be 1 (the only format version so far)',
        'intents/thanks.yaml:12: conflict: example "Milloin paketti tulee?" (fi) is also in intents/order_status.yaml:10; keep it in one intent',
        'messages/bot.yaml:2: messages.not_understood is missing; the bot needs it',
        'messages/bot.yaml:6: messages.goodbye.en is missing; every language (fi, en) needs its own',
      ]);
    });
  });
}
