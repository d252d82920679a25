import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { startConsoleBot, type ConsoleBot } from '../../support/console-bot.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; ./console-views-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function openapiContract(): void {
  let bot: ConsoleBot;
  beforeAll(async () => {
    bot = await startConsoleBot();
  });
  afterAll(async () => bot?.stop());

  /** "GET /api/agent/cases/:id" for every route the running server has under /api/agent and /api/studio. */
  function serverRoutes(): string[] {
    const info = (bot.app.server as unknown as { getDebugInfo(): { routes: { method: string; path: string }[] } }).getDebugInfo();
    return info.routes
      .filter((route) => route.path.startsWith('/api/agent/') || route.path.startsWith('/api/studio/'))
      .map((route) => `${route.method.toUpperCase()} ${route.path}`);
  }

  async function documentedRoutes(): Promise<string[]> {
    const spec = parse(await readFile(path.join(PROJECT_ROOT, 'bot/agent-console/openapi.yaml'), 'utf8')) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(spec.openapi).toMatch(/^3\./);
    return Object.entries(spec.paths).flatMap(([route, operations]) =>
      Object.keys(operations)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${route.replace(/\{(\w+)\}/g, ':$1')}`),
    );
  }

  test('every route in agent-console/openapi.yaml exists on the server, and every agent and studio route on the server is in the file', async () => {
    const documented = (await documentedRoutes()).sort();
    const served = serverRoutes().sort();
    expect(served.length).toBeGreaterThan(10);
    expect(documented).toEqual(served);
  });
}
