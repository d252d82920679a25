import nock from 'nock';
import { MessengerSendApi, MessengerSendError } from '../../../../bot/channels/messenger/messenger-send-api.js';

/** Registers this file's tests; ../channels-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function messengerMessengerSendApi(): void {
  const GRAPH = 'https://graph.facebook.com';
  const body = { recipient: { id: 'psid-1' }, messaging_type: 'RESPONSE', message: { text: 'Hei' } };

  function api(delays: number[]) {
    return new MessengerSendApi({
      graphUrl: `${GRAPH}/v21.0`,
      pageAccessToken: 'page-token',
      baseDelayMs: 100,
      retries: 4,
      sleep: async (ms) => void delays.push(ms),
    });
  }

  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  describe('Messenger Send API', () => {
    test('sends with the page token in the Authorization header and returns the message id', async () => {
      const graph = nock(GRAPH, { reqheaders: { authorization: 'Bearer page-token' } })
        .post('/v21.0/me/messages', body)
        .reply(200, { recipient_id: 'psid-1', message_id: 'm_1' });
      await expect(api([]).send(body)).resolves.toEqual({ recipient_id: 'psid-1', message_id: 'm_1' });
      expect(graph.isDone()).toBe(true);
    });

    test('retries a 5xx with exponential backoff and succeeds', async () => {
      const delays: number[] = [];
      nock(GRAPH)
        .post('/v21.0/me/messages')
        .times(3)
        .reply(503, { error: { message: 'Service unavailable', code: 2, is_transient: true } });
      nock(GRAPH).post('/v21.0/me/messages').reply(200, { message_id: 'm_2' });
      await expect(api(delays).send(body)).resolves.toEqual({ message_id: 'm_2' });
      expect(delays).toEqual([100, 200, 400]);
    });

    test('waits as long as Retry-After says on HTTP 429', async () => {
      const delays: number[] = [];
      nock(GRAPH)
        .post('/v21.0/me/messages')
        .reply(429, { error: { message: 'Too many', code: 4 } }, { 'retry-after': '2' });
      nock(GRAPH).post('/v21.0/me/messages').reply(200, { message_id: 'm_3' });
      await api(delays).send(body);
      expect(delays).toEqual([2000]);
    });

    test("retries Messenger's rate limit (Graph code 613 on HTTP 400)", async () => {
      const delays: number[] = [];
      nock(GRAPH)
        .post('/v21.0/me/messages')
        .reply(400, { error: { message: 'Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613 } });
      nock(GRAPH).post('/v21.0/me/messages').reply(200, { message_id: 'm_4' });
      await expect(api(delays).send(body)).resolves.toEqual({ message_id: 'm_4' });
      expect(delays).toEqual([100]);
    });

    test('does not retry a 4xx refusal and says what Meta said', async () => {
      const delays: number[] = [];
      const graph = nock(GRAPH)
        .post('/v21.0/me/messages')
        .reply(400, { error: { message: 'No matching user found', type: 'OAuthException', code: 100, error_subcode: 2018001 } });
      const failure = await api(delays)
        .send(body)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MessengerSendError);
      expect((failure as MessengerSendError).message).toBe('Send API answered 400 (code 100/2018001): No matching user found');
      expect((failure as MessengerSendError).retryable).toBe(false);
      expect(delays).toEqual([]);
      expect(graph.isDone()).toBe(true);
    });

    test('gives up after the last retry of a lasting 5xx', async () => {
      const delays: number[] = [];
      nock(GRAPH)
        .post('/v21.0/me/messages')
        .times(5)
        .reply(500, { error: { message: 'An unknown error occurred', code: 1 } });
      const failure = (await api(delays)
        .send(body)
        .catch((error: unknown) => error)) as MessengerSendError;
      expect(failure.retryable).toBe(true);
      expect(failure.attempts).toBe(5);
      expect(delays).toEqual([100, 200, 400, 800]);
    });
  });
}
