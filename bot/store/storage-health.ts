/** Where the stores report each write's outcome; `/healthz` reads it. */
export interface WriteReporter {
  succeeded(store: string): void;
  failed(store: string, error: unknown): void;
}

/**
 * Which stores' last write failed. A store is healthy again after its next successful write; until
 * then `/healthz` answers 503, so a full or read-only disk is noticed by the operator's monitoring
 * instead of only by customers getting apologies (review M6).
 */
export class StorageHealth implements WriteReporter {
  private readonly failing = new Map<string, string>();

  /**
   * @param onChange told when a store starts or stops failing (once each way), for the log.
   * @param onFailure told about every failed write, for the error counters (GET /metrics): a store
   *   that keeps failing is one change but many errors.
   */
  constructor(
    private readonly onChange: (store: string, problem: string | null) => void = () => undefined,
    private readonly onFailure: (store: string) => void = () => undefined,
  ) {}

  succeeded(store: string): void {
    if (this.failing.delete(store)) this.onChange(store, null);
  }

  failed(store: string, error: unknown): void {
    const problem = (error as NodeJS.ErrnoException | undefined)?.code ?? (error as Error | undefined)?.message ?? String(error);
    const known = this.failing.has(store);
    this.failing.set(store, problem);
    this.onFailure(store);
    if (!known) this.onChange(store, problem);
  }

  /** True while every store's last write succeeded. */
  get ok(): boolean {
    return this.failing.size === 0;
  }
}

/**
 * True for a failure of the disk or file system (an error with an errno code such as ENOSPC, EROFS,
 * EIO, EACCES), false for a refusal by the store's own rules (a stale eTag), which says nothing about
 * the disk.
 */
export function isStorageFailure(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
