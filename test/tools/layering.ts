import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { PROJECT_ROOT } from '../support/test-bot.js';

/** Registers this file's tests; test/tools/command-line-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function layeringTests(): void {
  const run = promisify(execFile);
  const DEPCRUISE = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'depcruise');
  const CONFIG = path.join(PROJECT_ROOT, '.dependency-cruiser.cjs');

  describe('the layering rule', () => {
    test('an upward import fails the check with a message naming the rule and the import', async () => {
      const fixture = path.join(PROJECT_ROOT, 'test', 'fixtures', 'layering');
      const failed = await run(DEPCRUISE, ['core', 'dialogs', '--config', CONFIG], { cwd: fixture }).then(
        () => undefined,
        (error: { stdout: string; code: number }) => error,
      );
      expect(failed?.code).not.toBe(0);
      expect(failed?.stdout).toContain('core-imports-only-below: core/clock.ts → dialogs/greeting.ts');
    });
  });
}
