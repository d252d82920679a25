import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { alwaysOpenContent } from '../../../tools/bench/always-open-content.js';
import { loadOpeningHours } from '../../../core/content/load-opening-hours.js';
import { ServiceHours } from '../../../dialogs/opening-hours/index.js';
import { PROJECT_ROOT } from '../../support/vastaa.js';

/** Registers this file's tests; test/tools/bench-tools.test.ts runs them in a describe block of their own. */
export default function benchAlwaysOpenContentTests(): void {
  test("the bench's handoff content keeps the agents' chat open at any hour, with the project's intents and messages", async () => {
    const content = await alwaysOpenContent(PROJECT_ROOT);
    try {
      const { hours, problems } = await loadOpeningHours(content.dir);
      expect(problems).toEqual([]);
      const service = new ServiceHours(hours!);
      // A Sunday night, Christmas Day and midsummer: closed in the real hours, open here.
      for (const at of ['2026-11-29T23:30:00Z', '2026-12-25T03:00:00Z', '2026-06-20T12:00:00Z']) expect(service.isOpen(hours!.agents, new Date(at))).toBe(true);
      expect(await readdir(path.join(content.dir, 'intents'))).toEqual(await readdir(path.join(PROJECT_ROOT, 'intents')));
      expect(await readFile(path.join(content.dir, 'messages/bot.yaml'), 'utf8')).toBe(await readFile(path.join(PROJECT_ROOT, 'messages/bot.yaml'), 'utf8'));
    } finally {
      await content.remove();
    }
    await expect(readdir(content.dir)).rejects.toThrow('ENOENT');
  });
}
