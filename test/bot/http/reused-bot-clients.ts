import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { describe, expect, test } from '@jest/globals';
import { ReusedBotClients } from '../../../bot/http/reused-bot-clients.js';

/** Registers this file's tests; ../app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function httpReusedBotClients(): void {
  const activity = { type: 'message', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1/a', conversation: { id: 'c' }, from: { id: 'u' } } as Activity;

  /** The real authentication of a bot without an app id, as the Emulator and API_MESSAGES=open use it. */
  async function anonymous() {
    const authentication = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' });
    const { claimsIdentity } = await authentication.authenticateRequest(activity, '');
    return { authentication, claimsIdentity };
  }

  describe('Bot Framework clients made once, not per turn', () => {
    test('gives every turn of one bot the same user-token client', async () => {
      const { authentication, claimsIdentity } = await anonymous();
      const reused = new ReusedBotClients().wrap(authentication);
      const first = await reused.createUserTokenClient(claimsIdentity);
      expect(await reused.createUserTokenClient(claimsIdentity)).toBe(first);
    });

    test('gives one connector client per service URL and audience, and a new one for another URL', async () => {
      const { authentication, claimsIdentity } = await anonymous();
      const clients = new ReusedBotClients();
      const first = await clients.connectorFactory('', authentication.createConnectorFactory(claimsIdentity)).create('http://127.0.0.1:1/a', 'audience');
      // A later turn brings a factory of its own: the client made for the first is still the one used.
      const again = await clients.connectorFactory('', authentication.createConnectorFactory(claimsIdentity)).create('http://127.0.0.1:1/a', 'audience');
      const other = await clients.connectorFactory('', authentication.createConnectorFactory(claimsIdentity)).create('http://127.0.0.1:1/b', 'audience');
      expect(again).toBe(first);
      expect(other).not.toBe(first);
      expect((other as unknown as { baseUri: string }).baseUri).toBe('http://127.0.0.1:1/b');
    });

    test('keeps other bots apart: a client is never shared between app ids', async () => {
      const { authentication, claimsIdentity } = await anonymous();
      const clients = new ReusedBotClients();
      const ours = await clients.connectorFactory('app-1', authentication.createConnectorFactory(claimsIdentity)).create('http://127.0.0.1:1/a', 'audience');
      const theirs = await clients.connectorFactory('app-2', authentication.createConnectorFactory(claimsIdentity)).create('http://127.0.0.1:1/a', 'audience');
      expect(theirs).not.toBe(ours);
    });

    test('tries again after a client could not be made, instead of failing every later turn', async () => {
      const clients = new ReusedBotClients();
      let calls = 0;
      const failing = {
        create: async () => {
          calls++;
          throw new Error('no credentials');
        },
      };
      const factory = clients.connectorFactory('', failing);
      await expect(factory.create('http://127.0.0.1:1/a', 'audience')).rejects.toThrow('no credentials');
      await expect(factory.create('http://127.0.0.1:1/a', 'audience')).rejects.toThrow('no credentials');
      expect(calls).toBe(2);
    });
  });
}
