import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { StoreFileError } from './json-database.js';
import { KeyedQueue } from './keyed-queue.js';
import type { VerificationAttempts, VerificationLimits, VerificationStanding, VerificationSubject } from '../../dialogs/order-status/verification-attempts.js';

export type { VerificationAttempts, VerificationLimits, VerificationStanding, VerificationSubject };

/** The file in DATA_DIR. */
export const VERIFICATION_ATTEMPTS_FILE = 'verification-attempts.json';

/** Keeps the file small under a flood of distinct customers: past this, the quietest unlocked entries go first. */
const MAX_ENTRIES = 20_000;

const entrySchema = z.object({
  failures: z.array(z.number().int().nonnegative()),
  lockedUntil: z.number().int().nonnegative().optional(),
});
type Entry = z.output<typeof entrySchema>;

const fileSchema = z.object({
  version: z.literal(1),
  entries: z.record(z.string().regex(/^[0-9a-f]{32}$/, { error: 'must be a hashed key' }), entrySchema),
});

/**
 * `VerificationAttempts` kept in one small JSON file in DATA_DIR (`verification-attempts.json`),
 * rewritten through a temporary file and a rename after every failure. Entries are keyed by a hash
 * of "order:<number>" or "customer:<key>", so no id names a file, no id is stored in clear, and no
 * id can be a prototype key; they are pruned when their failures leave the window and their lock ends.
 */
export class FileVerificationAttempts implements VerificationAttempts {
  private readonly queue = new KeyedQueue();

  private constructor(
    private readonly file: string,
    private readonly limits: VerificationLimits,
    private readonly entries: Map<string, Entry>,
  ) {}

  /** Reads the file (a missing one is empty); a file that is not ours stops start-up and is left untouched. */
  static async open(file: string, limits: VerificationLimits): Promise<FileVerificationAttempts> {
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreFileError(file, (error as Error).message);
    }
    const entries = new Map<string, Entry>();
    if (text !== undefined) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new StoreFileError(file, `it is not valid JSON (${(error as Error).message})`);
      }
      const parsed = fileSchema.safeParse(json);
      if (!parsed.success) throw new StoreFileError(file, `it is not a verification-attempts file (${parsed.error.issues[0]?.message ?? 'wrong shape'})`);
      for (const [key, entry] of Object.entries(parsed.data.entries)) entries.set(key, entry);
    }
    return new FileVerificationAttempts(file, limits, entries);
  }

  async standing(subject: VerificationSubject, now: Date): Promise<VerificationStanding> {
    return this.combine(keysOf(subject).map((key) => this.current(key, now.getTime())));
  }

  async recordFailure(subject: VerificationSubject, now: Date): Promise<VerificationStanding> {
    const at = now.getTime();
    const touched = keysOf(subject).map((key) => {
      const entry = this.current(key, at) ?? { failures: [] };
      // Only the newest `maxFailures` matter: the count can only reach the limit.
      entry.failures = [...entry.failures, at].slice(-this.limits.maxFailures);
      if (entry.failures.length >= this.limits.maxFailures) entry.lockedUntil = Math.max(entry.lockedUntil ?? 0, at + this.limits.lockMs);
      this.entries.set(key, entry);
      return entry;
    });
    await this.save(at);
    return this.combine(touched);
  }

  /** The entry with failures outside the window dropped, or undefined when nothing of it is left. */
  private current(key: string, at: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const fresh = this.fresh(entry, at);
    if (fresh) this.entries.set(key, fresh);
    else this.entries.delete(key);
    return fresh;
  }

  private fresh(entry: Entry, at: number): Entry | undefined {
    const failures = entry.failures.filter((time) => time > at - this.limits.windowMs);
    const lockedUntil = entry.lockedUntil !== undefined && entry.lockedUntil > at ? entry.lockedUntil : undefined;
    if (failures.length === 0 && lockedUntil === undefined) return undefined;
    return lockedUntil === undefined ? { failures } : { failures, lockedUntil };
  }

  private combine(entries: (Entry | undefined)[]): VerificationStanding {
    const failures = Math.max(0, ...entries.map((entry) => entry?.failures.length ?? 0));
    const lockedUntil = Math.max(0, ...entries.map((entry) => entry?.lockedUntil ?? 0));
    return lockedUntil > 0 ? { failures, lockedUntil: new Date(lockedUntil) } : { failures };
  }

  /** Prunes and writes the whole file; one write at a time, each with the latest entries. */
  private async save(at: number): Promise<void> {
    for (const [key, entry] of this.entries) {
      const fresh = this.fresh(entry, at);
      if (fresh) this.entries.set(key, fresh);
      else this.entries.delete(key);
    }
    if (this.entries.size > MAX_ENTRIES) {
      const quietestFirst = [...this.entries].sort(
        ([, a], [, b]) => Number(a.lockedUntil !== undefined) - Number(b.lockedUntil !== undefined) || lastFailure(a) - lastFailure(b),
      );
      for (const [key] of quietestFirst.slice(0, this.entries.size - MAX_ENTRIES)) this.entries.delete(key);
    }
    await this.queue.run(this.file, () => new JSONFile(this.file).write({ version: 1, entries: Object.fromEntries(this.entries) }));
  }
}

function lastFailure(entry: Entry): number {
  return entry.failures.at(-1) ?? 0;
}

function keysOf(subject: VerificationSubject): string[] {
  return [`order:${subject.orderNumber}`, `customer:${subject.customerKey}`].map((name) => createHash('sha256').update(name).digest('hex').slice(0, 32));
}
