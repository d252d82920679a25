import { describe, expect, test } from '@jest/globals';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatProblem, loadContent, loadMessages } from '../../core/content/index.js';
import { CANCEL_WORDS_MESSAGE, cancelWords, CONTENT_REQUIREMENTS } from '../../dialogs/index.js';
import { PROJECT_ROOT } from '../support/test-bot.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function cancelTests(): void {
  describe('cancel words from messages/bot.yaml', () => {
    test('the shipped words, one a line, of both languages, normalised like the NLU input', async () => {
      const { messages } = await loadMessages(PROJECT_ROOT);
      expect([...cancelWords(messages)].sort()).toEqual(['cancel', 'cancel it', 'cancel request', 'peru', 'peru pyyntö', 'peruuta', 'peruuta pyyntö']);
    });

    test('the content check refuses a messages file without them, in words an editor understands', async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'vastaa-cancel-words-'));
      try {
        await cp(path.join(PROJECT_ROOT, 'messages'), path.join(root, 'messages'), { recursive: true });
        const file = path.join(root, 'messages/bot.yaml');
        const yaml = await readFile(file, 'utf8');
        await writeFile(file, yaml.replace(/ {2}handoff_cancel_words:\n(?: {4}.*\n| {6}.*\n)+/, ''));
        const { problems } = await loadMessages(root, CONTENT_REQUIREMENTS.requiredMessages);
        expect(problems.map(formatProblem)).toEqual([`messages/bot.yaml:4: messages.${CANCEL_WORDS_MESSAGE} is missing; the bot needs it`]);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    });

    test('is part of the shipped content that passes the check', async () => {
      const { content, problems } = await loadContent(PROJECT_ROOT, CONTENT_REQUIREMENTS);
      expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      expect(content.messages[CANCEL_WORDS_MESSAGE]).toBeDefined();
    });
  });
}
