import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startVastaa, type Vastaa } from '../support/vastaa.js';

/** Registers this file's tests; ./app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function appParts(): void {
  // createApp builds every part in one phase; the chat page and the agent console can each be switched off.

  describe('the parts of the app', () => {
    let full: Vastaa;
    let bare: Vastaa;
    beforeAll(async () => {
      full = await startVastaa();
      bare = await startVastaa({ env: { WEB_CHAT: 'false', AGENT_CONSOLE: 'false' } });
    });
    afterAll(async () => {
      await full?.stop();
      await bare?.stop();
    });

    test('by default the chat page, the built-in Direct Line and the agent console are served', async () => {
      expect((await full.call('GET', '/chat')).status).toBe(200);
      expect((await full.call('POST', '/chat/token')).status).toBe(200);
      expect((await full.call('GET', '/agent')).status).toBe(200);
      expect(full.app.channels.directLine).toBeDefined();
      expect(full.app.agentConsole).toBeDefined();
    });

    test('WEB_CHAT=false and AGENT_CONSOLE=false leave out the chat page, its Direct Line and the console; the bot still answers', async () => {
      for (const [method, route] of [
        ['GET', '/'],
        ['GET', '/chat'],
        ['POST', '/chat/token'],
        ['GET', '/agent'],
        ['GET', '/api/agent/me'],
      ] as const) {
        expect([route, (await bare.call(method, route)).status]).toEqual([route, 404]);
      }
      expect(bare.app.channels.directLine).toBeUndefined();
      expect(bare.app.agentConsole).toBeUndefined();
      expect((await bare.say('hei')).length).toBeGreaterThan(0);
    });
  });

  test('when a part cannot start, what was opened is closed: the data folder is unlocked and can be used again', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vastaa-parts-'));
    try {
      await writeFile(path.join(dataDir, 'agents.yaml'), 'version: 1\nagents: [{ login: 1 }]\n');
      await expect(startVastaa({ dataDir })).rejects.toThrow('agents.yaml');
      expect(existsSync(path.join(dataDir, 'vastaa.lock'))).toBe(false);
      await rm(path.join(dataDir, 'agents.yaml'));
      const again = await startVastaa({ dataDir });
      await again.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
}
