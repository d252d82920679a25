export interface RecentIdsOptions {
  /** Most ids remembered; past it the oldest is forgotten first, so memory stays bounded under a flood. */
  maxEntries: number;
  /** How long an id counts as recent, in milliseconds. */
  ttlMs: number;
  now?: () => number;
}

/**
 * The ids seen within a time window, to drop repeated deliveries (a retried webhook, a replayed
 * activity). Insertion order is also expiry order, so forgetting walks from the oldest end.
 *
 * @example
 * const recent = new RecentIds({ maxEntries: 10_000, ttlMs: 3_600_000 });
 * if (!recent.firstSighting(`facebook/${mid}`)) return; // a repeat: no second turn
 */
export class RecentIds {
  private readonly seenAt = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: RecentIdsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Remembers the id; false when it was already seen within the window. */
  firstSighting(id: string): boolean {
    const now = this.now();
    this.forgetOld(now);
    if (this.seenAt.has(id)) return false;
    this.seenAt.set(id, now);
    return true;
  }

  /** Forgets an id, so a delivery whose turn failed before it ran can be retried. */
  forget(id: string): void {
    this.seenAt.delete(id);
  }

  get size(): number {
    return this.seenAt.size;
  }

  private forgetOld(now: number): void {
    for (const [id, at] of this.seenAt) {
      if (now - at < this.options.ttlMs && this.seenAt.size < this.options.maxEntries) return;
      this.seenAt.delete(id);
    }
  }
}
