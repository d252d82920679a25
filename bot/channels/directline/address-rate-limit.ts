export type RateCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A per-address allowance: this process's `AddressRateLimit`, or one shared by the instances (PostgreSQL). */
export interface RateLimit {
  /** Spends one request of the address's allowance, or says how long until one is available. */
  take(address: string): RateCheck | Promise<RateCheck>;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * A token bucket per client address: `perMinute` requests a minute, in bursts of up to `perMinute`.
 * Memory is bounded: at `maxAddresses` the least recently seen address is forgotten (it then starts
 * with a full bucket again, which only helps someone who already has that many addresses).
 * IPv6 clients are counted per /64, the block one subscriber usually gets, so a single host cannot
 * walk through its addresses to get a fresh bucket each time.
 *
 * @example limit.take(proxies.clientAddress(req)) // { ok: false, retryAfterSeconds: 3 }
 */
export class AddressRateLimit implements RateLimit {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perMinute: number,
    private readonly maxAddresses = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one request of the address's allowance, or says how long until one is available. */
  take(address: string): RateCheck {
    const key = addressKey(address);
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, updated: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.updated) * this.perMinute) / 60_000);
    bucket.updated = now;
    // Re-inserted so the map's order is least recently seen first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxAddresses) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - bucket.tokens) * 60) / this.perMinute)) };
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** The bucket of an address: IPv4 as is, IPv6 by its first 64 bits. */
export function addressKey(address: string): string {
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, '').toLowerCase())
    .join(':')}::/64`;
}
