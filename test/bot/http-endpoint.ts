import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this file's tests; ./app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function httpEndpoint(): void {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.stop());

  async function post(body: string, contentType = 'application/json') {
    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
  }

  describe('POST /api/messages', () => {
    test('answers in the HTTP response when deliveryMode is expectReplies', async () => {
      const activities = await bot.send('hei');
      const messages = activities.filter((activity) => activity.type === 'message');
      expect(messages.length).toBeGreaterThan(0);
      expect(messages[0]!.from.id).toBe('bot');
    });

    test('refuses malformed JSON with a 400 that says so', async () => {
      const response = await post('{"type":"message",');
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/not valid JSON/);
    });

    test('names every missing field of an activity', async () => {
      const response = await post(JSON.stringify({ type: 'message', channelId: 'test' }));
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_activity');
      expect(response.body.error.message).toBe('conversation is required: { "id": "..." }; from is required: { "id": "..." }');
    });

    test('asks for a serviceUrl when replies cannot go in the response', async () => {
      const response = await post(JSON.stringify({ type: 'message', channelId: 'test', conversation: { id: 'c' }, from: { id: 'u' }, text: 'hei' }));
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^serviceUrl is required unless deliveryMode is "expectReplies"/);
    });

    test('refuses a body over the size limit with 413', async () => {
      const response = await post(JSON.stringify({ type: 'message', text: 'a'.repeat(300_000) }));
      expect(response.status).toBe(413);
      expect(response.body.error.message).toBe('the request body is larger than 262144 bytes (MAX_BODY_BYTES)');
    });

    test('refuses a body that is not JSON', async () => {
      const response = await post('hello', 'text/plain');
      expect(response.status).toBe(415);
    });

    test('keeps serving after bad requests', async () => {
      await post('{');
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      expect(await bot.say('kiitos')).toHaveLength(1);
    });
  });

  describe('GET /healthz', () => {
    test('reports ok while the bot can serve', async () => {
      const response = await fetch(`${bot.url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });
  });
}
