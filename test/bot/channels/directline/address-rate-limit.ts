import { AddressRateLimit, addressKey } from '../../../../bot/channels/directline/address-rate-limit.js';

/** Registers this file's tests; ../channels-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function directlineAddressRateLimit(): void {
  describe('AddressRateLimit: a token bucket per client address', () => {
    test('allows a burst of perMinute, then says how long to wait, and refills over time', () => {
      let now = 0;
      const limit = new AddressRateLimit(6, 100, () => now);
      for (let i = 0; i < 6; i++) expect(limit.take('192.0.2.1')).toEqual({ ok: true });
      expect(limit.take('192.0.2.1')).toEqual({ ok: false, retryAfterSeconds: 10 });
      now += 10_000;
      expect(limit.take('192.0.2.1')).toEqual({ ok: true });
      expect(limit.take('192.0.2.2')).toEqual({ ok: true });
    });

    test('remembers at most maxAddresses, forgetting the least recently seen first', () => {
      const limit = new AddressRateLimit(1, 2, () => 0);
      limit.take('192.0.2.1');
      limit.take('192.0.2.2');
      limit.take('192.0.2.1');
      limit.take('192.0.2.3');
      expect(limit.size).toBe(2);
      expect(limit.take('192.0.2.1').ok).toBe(false);
      expect(limit.take('192.0.2.2').ok).toBe(true);
    });

    test.each([
      ['192.0.2.7', '192.0.2.7'],
      ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
      ['2001:0DB8:0001:0002:ffff:1:2:3', '2001:db8:1:2::/64'],
      ['::1', '0:0:0:0::/64'],
      ['2001:db8::', '2001:db8:0:0::/64'],
    ])('counts %s as %s', (address, key) => {
      expect(addressKey(address)).toBe(key);
    });
  });
}
