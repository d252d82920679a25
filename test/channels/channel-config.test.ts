import { ConfigError, readConfig } from '../../bot/config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('channel configuration', () => {
  test('runs the chat page on the built-in Direct Line with no settings', () => {
    const config = readConfig({});
    expect(config.WEBCHAT_DIRECT_LINE).toBe('builtin');
    expect(config.DIRECT_LINE_TOKEN_TTL).toBe(1800);
    expect(config.MESSENGER_APP_SECRET).toBeUndefined();
  });

  test('refuses half a Messenger setup, naming what is missing', () => {
    expect(problemsOf({ MESSENGER_APP_SECRET: 's' })).toEqual([
      'MESSENGER_PAGE_ACCESS_TOKEN is required when MESSENGER_APP_SECRET is set (self-hosted Messenger needs all three)',
      'MESSENGER_VERIFY_TOKEN is required when MESSENGER_APP_SECRET is set (self-hosted Messenger needs all three)',
    ]);
  });

  test('asks for the Direct Line secret when the page should use Azure', () => {
    expect(problemsOf({ WEBCHAT_DIRECT_LINE: 'azure' })).toEqual(['DIRECT_LINE_SECRET is required when WEBCHAT_DIRECT_LINE is azure']);
  });

  test('never prints a secret in an error', () => {
    expect(problemsOf({ DIRECT_LINE_TOKEN_KEY: 'short-secret' })).toEqual(['DIRECT_LINE_TOKEN_KEY must be at least 32 characters']);
  });

  test('refuses a token lifetime shorter than Web Chat refreshes it', () => {
    expect(problemsOf({ DIRECT_LINE_TOKEN_TTL: '600' })).toEqual(['DIRECT_LINE_TOKEN_TTL must be at least 1200 (got "600")']);
  });
});
