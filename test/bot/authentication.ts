import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this file's tests; ./app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function authentication(): void {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' } });
  });
  afterAll(async () => bot.stop());

  describe('Bot Framework authentication', () => {
    test('refuses a request without a token when app credentials are set', async () => {
      const answer = await bot.post({ channelId: 'webchat', conversation: { id: 'c' }, from: { id: 'u' }, text: 'hei' });
      expect(answer.status).toBe(401);
    });
  });
}
