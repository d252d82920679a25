import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import nock from 'nock';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this finding's tests; ./findings-l2-to-l7.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l6AuthBadToken401(): void {
  const APP_ID = '00000000-0000-0000-0000-000000000001';
  const LOGIN = 'https://login.botframework.com';
  const OPENID_PATH = '/v1/.well-known/openidconfiguration';
  const KEYS_PATH = '/v1/.well-known/keys';
  const KID = 'vastaa-test-key';
  const FACEBOOK_SERVICE_URL = 'https://facebook.botframework.com/';

  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

  /** A Bot Framework channel token (RS256) signed with `key`, as Azure's connector service sends it. */
  function channelToken(key: KeyObject, claims: Record<string, unknown> = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: KID }));
    const payload = base64url(
      JSON.stringify({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: FACEBOOK_SERVICE_URL, nbf: now - 60, exp: now + 3600, ...claims }),
    );
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }

  /** login.botframework.com's OpenID metadata and keys, offline: the trusted key, endorsed for facebook. */
  function botFrameworkKeys() {
    const jwk = trusted.publicKey.export({ format: 'jwk' });
    return nock(LOGIN)
      .get(OPENID_PATH)
      .reply(200, { issuer: 'https://api.botframework.com', jwks_uri: `${LOGIN}${KEYS_PATH}` })
      .get(KEYS_PATH)
      .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['facebook', 'msteams'] }] });
  }

  const facebookActivity = (fields: Record<string, unknown> = {}) => ({
    type: 'message',
    channelId: 'facebook',
    serviceUrl: FACEBOOK_SERVICE_URL,
    deliveryMode: 'expectReplies',
    conversation: { id: `l6-${Math.random().toString(36).slice(2)}` },
    from: { id: 'psid-1' },
    recipient: { id: 'page-1' },
    text: 'hei',
    ...fields,
  });

  async function post(activity: Record<string, unknown>, authorization?: string) {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      body: (() => {
        try {
          return JSON.parse(text);
        } catch {
          return text;
        }
      })(),
    };
  }

  let bot: TestBot;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1/);
    bot = await startTestBot({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' } });
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    await bot.stop();
    nock.enableNetConnect();
  });

  const expectUnauthorized = (response: { status: number; text: string; body: any }) => {
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('Bot Framework token') } });
    expect(response.text).not.toMatch(/Unauthorized Access|ENOTFOUND|getaddrinfo|login\.botframework\.com|signature/i);
  };

  describe('/api/messages with MicrosoftAppId: a bad token is always 401 in our shape', () => {
    // First, while the SDK has no signing keys cached. A socket-level error (replyWithError, or no interceptor
    // with net connect disabled) is not used: nock's socket interceptors nest when several test files load nock
    // in one jest worker, and the error then escapes as an unhandled 'error' event. These answers take the same
    // path in the SDK as a DNS failure: an error that is not an AuthenticationError, which was a 500 with its text.
    test.each([
      ['a gateway error page (502)', () => nock(LOGIN).get(OPENID_PATH).reply(502, '<html>Bad Gateway</html>')],
      [
        'something that is not JSON (a captive portal)',
        () => nock(LOGIN).get(OPENID_PATH).reply(200, '<html>Sign in to the Wi-Fi</html>', { 'content-type': 'text/html' }),
      ],
    ])('a JWT-shaped token when the signing keys cannot be fetched (%s) is 401, not a 500 with the fetch error', async (_case, metadata) => {
      const scope = metadata();
      expectUnauthorized(await post(facebookActivity(), `Bearer ${channelToken(trusted.privateKey)}`));
      expect(scope.isDone()).toBe(true);
      expect(bot.logs.some((line) => line.includes('failed Bot Framework authentication') && /openID config: 502|invalid json response body/.test(line))).toBe(
        true,
      );
    });

    test('no token at all is 401 in our shape, not the bare string "Unauthorized Access…"', async () => {
      expectUnauthorized(await post(facebookActivity()));
    });

    test('a garbage token is 401', async () => {
      expectUnauthorized(await post(facebookActivity(), 'Bearer garbage'));
    });

    test('a JWT-shaped token signed with a key Bot Framework never published is 401', async () => {
      botFrameworkKeys();
      expectUnauthorized(await post(facebookActivity(), `Bearer ${channelToken(stranger.privateKey)}`));
    });

    test('a validly signed token for another bot (aud) is 401', async () => {
      botFrameworkKeys();
      expectUnauthorized(await post(facebookActivity(), `Bearer ${channelToken(trusted.privateKey, { aud: 'someone-else' })}`));
    });

    test("Azure's Facebook channel with a valid token is accepted and answered", async () => {
      botFrameworkKeys();
      const response = await post(facebookActivity(), `Bearer ${channelToken(trusted.privateKey)}`);
      expect(response.status).toBe(200);
      expect(response.body.activities.filter((activity: { type: string }) => activity.type === 'message')).toHaveLength(1);
    });

    test('the built-in Direct Line channel is refused even with a valid token', async () => {
      botFrameworkKeys();
      const response = await post(facebookActivity({ channelId: 'vastaa-directline' }), `Bearer ${channelToken(trusted.privateKey)}`);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('channel_not_allowed');
    });
  });
}
