import { mkdtemp, cp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatProblem, loadContent, loadIntents } from '../../../core/content/index.js';
import { CONTENT_REQUIREMENTS } from '../../../dialogs/index.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; ../core-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function contentIntentFiles(): void {
  const BROKEN = path.join(PROJECT_ROOT, 'test/fixtures/content-broken');

  describe('intent files', () => {
    test('the shipped content passes the check with no errors', async () => {
      const { problems } = await loadContent(PROJECT_ROOT, CONTENT_REQUIREMENTS);
      expect(problems.filter((problem) => problem.severity === 'error').map(formatProblem)).toEqual([]);
    });

    test('ships the required intents with fi and en examples, 25+ per language for the service intents', async () => {
      const { intents } = await loadIntents(PROJECT_ROOT);
      const byName = new Map(intents.map((intent) => [intent.name, intent]));
      for (const name of ['greeting', 'thanks', 'goodbye', 'outage', 'opening_hours', 'order_status', 'billing', 'human_agent', 'help', 'complaint']) {
        expect(byName.has(name)).toBe(true);
      }
      for (const name of ['outage', 'opening_hours', 'order_status', 'billing', 'human_agent', 'complaint']) {
        expect(byName.get(name)!.examples.fi.length).toBeGreaterThanOrEqual(25);
        expect(byName.get(name)!.examples.en.length).toBeGreaterThanOrEqual(25);
      }
      expect(byName.get('billing')!.sensitive).toBe(true);
    });

    test('reports every problem of broken files with the file, the line and words an editor understands', async () => {
      const { problems } = await loadContent(BROKEN, { requiredMessages: ['welcome', 'not_understood'] });
      expect(problems.map(formatProblem)).toEqual([
        'intents/billing.yaml:19: answers.en must have at least one answer',
        'intents/billing.yaml:20: sensitive must be true or false',
        'intents/greeting.yaml:1: answers is missing: add answers with fi and en lists',
        'intents/greeting.yaml:11: conflict: example "lasku on väärin" (fi) is also in intents/billing.yaml:9; keep it in one intent',
        "intents/greeting.yaml:16: the file has unknown key 'answer'; check the spelling",
        'intents/greeting.yaml:23: follow_ups.fi[0] is longer than 20 characters; Messenger buttons show at most 20',
        'intents/thanks.yaml:8: the list opened with [ is not closed with ]; close it on the same line, or better, write one `- phrase` a line',
        'messages/bot.yaml:2: messages.not_understood is missing; the bot needs it',
        'messages/bot.yaml:5: messages.welcome.en uses placeholders {} but fi uses {name}; use the same in every language',
      ]);
    });

    test('reports the same example in two intents as a conflict naming both places', async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'vastaa-conflict-'));
      try {
        await cp(path.join(PROJECT_ROOT, 'intents'), path.join(root, 'intents'), { recursive: true });
        const { intents } = await loadIntents(root);
        const billingExample = intents.find((intent) => intent.name === 'billing')!.examples.fi[0]!;
        const thanks = path.join(root, 'intents/thanks.yaml');
        const text = (await import('node:fs/promises')).readFile(thanks, 'utf8');
        await writeFile(thanks, (await text).replace(/examples:\n  fi:\n/, `examples:\n  fi:\n    - ${billingExample.toUpperCase()}!\n`));
        const { problems } = await loadIntents(root);
        expect(problems.map(formatProblem)).toContainEqual(
          expect.stringMatching(
            new RegExp(
              `^intents/thanks.yaml:\\d+: conflict: example "${billingExample.toUpperCase()}!" \\(fi\\) is also in intents/billing.yaml:\\d+; keep it in one intent$`,
            ),
          ),
        );
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    });
  });
}
