import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@jest/globals';
import { startTestBot } from '../support/test-bot.js';

/** Registers this finding's tests; ./findings-m4-and-later.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function m7ErasureLeavesCaseInJournal(): void {
  const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
  const MONDAY_MORNING = new Date('2026-11-23T08:00:00Z');

  test('a GDPR erasure compacts the journal at once: no byte of the erased case stays in handoff.json or its journal', async () => {
    const bot = await startTestBot({ now: () => MONDAY_MORNING, env: { ADMIN_TOKEN } });
    try {
      const customer = { from: { id: 'spoof-u' }, conversationId: 'spoof-chat' };
      const replies = await bot.send('haluan puhua ihmisen kanssa laskustani zanzibar', customer);
      const caseId = replies.find((activity) => activity.name === 'handoff.initiate')?.value.caseId as string;
      expect(caseId).toMatch(/^C-/);
      await bot.send('hei', { from: { id: 'someone-else' }, conversationId: 'other-chat' });
      const journal = path.join(bot.dataDir, 'handoff.json.journal');
      expect(await readFile(journal, 'utf8')).toContain('spoof-u');

      const erased = await fetch(`${bot.url}/api/customers/emulator/spoof-u`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(await erased.json()).toMatchObject({ conversations: 1, cases: 1, compacted: true });

      for (const file of [journal, path.join(bot.dataDir, 'handoff.json')]) {
        const text = await readFile(file, 'utf8');
        for (const trace of ['spoof-u', 'spoof-chat', caseId, 'zanzibar']) expect({ file, found: text.includes(trace) }).toEqual({ file, found: false });
      }
      // Everyone else's data stays.
      expect(await readFile(path.join(bot.dataDir, 'handoff.json'), 'utf8')).toContain('other-chat');
    } finally {
      await bot.stop();
    }
  });
}
