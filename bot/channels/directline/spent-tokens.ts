/** Remembers used single-use tokens: this process's `SpentTokens`, or a table shared by the instances (PostgreSQL). */
export interface SpentTokenLedger {
  /** True the first time `id` is spent; false if it was spent before (and has not expired since). */
  spend(id: string, expiresAtMs: number): boolean | Promise<boolean>;
}

/**
 * Ids of single-use tokens that have been used, remembered until the tokens expire, so a stream URL
 * opens its conversation's stream once (L4): someone who sees the URL later (a proxy log, a shared
 * screen) cannot open a second stream with it.
 *
 * Memory is bounded: at `maxEntries` the oldest id is forgotten first. Stream tokens live two minutes,
 * so only a flood of that many streams within two minutes could make one reusable again.
 */
export class SpentTokens implements SpentTokenLedger {
  /** Token id -> its expiry (ms); insertion order is use order, and every token lives about as long. */
  private readonly spent = new Map<string, number>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `id` is spent; false if it was spent before (and has not expired since). */
  spend(id: string, expiresAtMs: number): boolean {
    this.forgetExpired();
    if (this.spent.has(id)) return false;
    if (this.spent.size >= this.maxEntries) this.spent.delete(this.spent.keys().next().value!);
    this.spent.set(id, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.spent.size;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [id, expires] of this.spent) {
      if (expires > now) break;
      this.spent.delete(id);
    }
  }
}
