import { readConfig } from '../../../bot/config.js';
import { configProblems } from '../../support/failures.js';

/** Registers this file's tests; ./channels-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function channelConfig(): void {
  describe('channel configuration', () => {
    test('runs the chat page on the built-in Direct Line with no settings', () => {
      const config = readConfig({});
      expect(config.WEBCHAT_DIRECT_LINE).toBe('builtin');
      expect(config.DIRECT_LINE_TOKEN_TTL).toBe(1800);
      expect(config.MESSENGER_APP_SECRET).toBeUndefined();
    });

    test('refuses half a Messenger setup, naming what is missing', () => {
      expect(configProblems({ MESSENGER_APP_SECRET: 's' })).toEqual([
        'MESSENGER_PAGE_ACCESS_TOKEN is required when MESSENGER_APP_SECRET is set (self-hosted Messenger needs all three)',
        'MESSENGER_VERIFY_TOKEN is required when MESSENGER_APP_SECRET is set (self-hosted Messenger needs all three)',
      ]);
    });

    test('asks for the Direct Line secret when the page should use Azure', () => {
      expect(configProblems({ WEBCHAT_DIRECT_LINE: 'azure' })).toEqual(['DIRECT_LINE_SECRET is required when WEBCHAT_DIRECT_LINE is azure']);
    });

    test('never prints a secret in an error', () => {
      expect(configProblems({ DIRECT_LINE_TOKEN_KEY: 'short-secret' })).toEqual(['DIRECT_LINE_TOKEN_KEY must be at least 32 characters']);
    });

    test('refuses a token lifetime shorter than Web Chat refreshes it', () => {
      expect(configProblems({ DIRECT_LINE_TOKEN_TTL: '600' })).toEqual(['DIRECT_LINE_TOKEN_TTL must be at least 1200 (got "600")']);
    });
  });
}
