import { startTestBot, type TestBot } from '../support/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ env: { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' } });
});
afterAll(async () => bot.stop());

describe('Bot Framework authentication', () => {
  test('refuses a request without a token when app credentials are set', async () => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        channelId: 'webchat',
        conversation: { id: 'c' },
        from: { id: 'u' },
        recipient: { id: 'bot' },
        deliveryMode: 'expectReplies',
        text: 'hei',
      }),
    });
    expect(response.status).toBe(401);
  });
});
