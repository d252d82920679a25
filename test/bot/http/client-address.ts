import type { Request } from 'restify';
import { TrustedProxies } from '../../../bot/http/client-address.js';

/** Registers this file's tests; ../app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function httpClientAddress(): void {
  function request(remoteAddress: string, headers: Record<string, string> = {}): Request {
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      socket: { remoteAddress },
      connection: { remoteAddress },
      headers: lower,
      header: (name: string) => lower[name.toLowerCase()],
    } as unknown as Request;
  }

  describe('the client behind a proxy', () => {
    test('ignores X-Forwarded-For from a client that is not a trusted proxy', () => {
      const proxies = new TrustedProxies([]);
      expect(proxies.clientAddress(request('203.0.113.9', { 'x-forwarded-for': '198.51.100.1' }))).toBe('203.0.113.9');
    });

    test('takes the nearest untrusted hop when the request comes through a trusted proxy', () => {
      const proxies = new TrustedProxies(['loopback']);
      const req = request('127.0.0.1', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' });
      expect(proxies.clientAddress(req)).toBe('203.0.113.7');
    });

    test('believes X-Forwarded-Host and -Proto only from a trusted proxy', () => {
      const headers = { host: 'bot.example.fi', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
      expect(new TrustedProxies([]).origin(request('203.0.113.9', headers))).toBe('http://bot.example.fi');
      expect(new TrustedProxies(['loopback']).origin(request('::ffff:127.0.0.1', headers), 'ws')).toBe('wss://evil.example');
    });

    test('treats an IPv4-mapped IPv6 address as the IPv4 client', () => {
      expect(new TrustedProxies([]).clientAddress(request('::ffff:192.0.2.4'))).toBe('192.0.2.4');
    });
  });
}
