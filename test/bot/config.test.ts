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

describe('configuration', () => {
  test('starts with embedded defaults when nothing is set', () => {
    const config = readConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DATA_DIR).toMatch(/data$/);
    expect(config.MicrosoftAppId).toBeUndefined();
    expect(config.CONTENT_RELOAD).toBe('watch');
  });

  test('names the variable and the bad value, one line per problem', () => {
    expect(problemsOf({ PORT: 'eighty', NLU_CONFIDENCE_THRESHOLD: '1.5', CONTENT_RELOAD: 'sometimes' })).toEqual([
      'PORT must be a number (got "eighty")',
      'CONTENT_RELOAD must be watch, signal or off (got "sometimes")',
      'NLU_CONFIDENCE_THRESHOLD must be at most 1 (got "1.5")',
    ]);
  });

  test('refuses an app id without its password instead of starting half-configured', () => {
    expect(problemsOf({ MicrosoftAppId: 'abc' })).toEqual(['MicrosoftAppPassword is required when MicrosoftAppId is set']);
  });

  test('treats an empty variable as unset', () => {
    expect(readConfig({ PORT: '', MicrosoftAppId: '' }).PORT).toBe(3978);
  });
});
