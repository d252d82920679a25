import { startTestBot, type TestBot } from '../support/test-bot.js';

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
