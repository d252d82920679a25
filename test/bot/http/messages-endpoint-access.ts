import { isLoopbackAddress, isLoopbackUrl, refusalOf } from '../../../bot/http/messages-endpoint-access.js';

/** Registers this file's tests; ../app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function httpMessagesEndpointAccess(): void {
  const local = { clientAddress: '127.0.0.1', forwarded: false };

  describe('who may post to /api/messages', () => {
    test.each([
      ['http://localhost:3979', true],
      ['http://127.0.0.1:3979/', true],
      ['http://127.42.0.1/', true],
      ['http://0x7f.1/', true],
      ['http://[::1]:3979', true],
      ['http://[0:0:0:0:0:0:0:1]/', true],
      ['https://localhost/', true],
      ['http://localhost.evil.example/', false],
      ['http://127.0.0.1@evil.example/', false],
      ['http://user:pw@localhost/', false],
      ['http://10.0.0.1/', false],
      ['http://[::ffff:127.0.0.1]/', false],
      ['ftp://localhost/', false],
      ['not a url', false],
    ])('serviceUrl %s counts as this machine: %s', (url, expected) => {
      expect(isLoopbackUrl(url)).toBe(expected);
    });

    test.each([
      ['127.0.0.1', true],
      ['::1', true],
      ['::ffff:127.0.0.1', true],
      ['10.0.0.1', false],
      ['::ffff:10.0.0.1', false],
      ['unknown', false],
    ])('client %s is loopback: %s', (address, expected) => {
      expect(isLoopbackAddress(address)).toBe(expected);
    });

    test('with MicrosoftAppId every channel but the built-in Direct Line goes on to the token check, whatever its serviceUrl', () => {
      const policy = { mode: 'emulator' as const, authenticated: true };
      const remote = { clientAddress: '52.1.2.3', forwarded: true };
      expect(refusalOf({ channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/' }, remote, policy)).toBeUndefined();
      expect(refusalOf({ channelId: 'facebook', serviceUrl: 'https://facebook.botframework.com/' }, remote, policy)).toBeUndefined();
      expect(refusalOf({ channelId: 'vastaa-directline' }, remote, policy)?.code).toBe('channel_not_allowed');
      expect(refusalOf({ channelId: 'msteams' }, remote, { mode: 'off', authenticated: true })?.code).toBe('api_messages_off');
    });

    test('without MicrosoftAppId the Emulator needs no serviceUrl when it takes replies in the response', () => {
      expect(refusalOf({ channelId: 'emulator', deliveryMode: 'expectReplies' }, local, { mode: 'emulator', authenticated: false })).toBeUndefined();
    });
  });
}
