/**
 * Runs work for one key (a file) strictly one after another, while different keys run in
 * parallel. `idle(key)` resolves once everything queued for that key has finished.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  async idle(key: string): Promise<void> {
    await this.tails.get(key);
  }

  /** Resolves when every key is idle, including work queued while waiting. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
