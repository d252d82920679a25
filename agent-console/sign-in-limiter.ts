/**
 * Counts wrong passwords per login and client address. After `attempts` of them within `lockMs`,
 * that login is refused from that address until `lockMs` after the last one, even with the right
 * password, so guessing is slow while the agent can still sign in from their own machine.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, { count: number; last: number }>();

  constructor(
    private readonly attempts: number,
    private readonly lockMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `login` may try again from `address`; 0 when it may now. */
  retryAfterMs(login: string, address: string): number {
    const entry = this.entry(login, address);
    if (!entry || entry.count < this.attempts) return 0;
    return entry.last + this.lockMs - this.now();
  }

  failed(login: string, address: string): void {
    const entry = this.entry(login, address);
    this.failures.set(keyOf(login, address), { count: (entry?.count ?? 0) + 1, last: this.now() });
    if (this.failures.size > 10_000) this.prune();
  }

  succeeded(login: string, address: string): void {
    this.failures.delete(keyOf(login, address));
  }

  private entry(login: string, address: string) {
    const entry = this.failures.get(keyOf(login, address));
    if (entry && entry.last + this.lockMs <= this.now()) {
      this.failures.delete(keyOf(login, address));
      return undefined;
    }
    return entry;
  }

  private prune(): void {
    for (const [key, entry] of this.failures) if (entry.last + this.lockMs <= this.now()) this.failures.delete(key);
  }
}

function keyOf(login: string, address: string): string {
  return `${login.toLowerCase()}\u0000${address}`;
}
