export interface SignInLimits {
  /** Wrong passwords for one login, from any address, before each further try must wait. */
  freeAttemptsPerLogin: number;
  /** The first wait after those; it doubles with each further wrong password... */
  firstDelayMs: number;
  /** ...up to this, so an attacker can slow an agent's sign-in down but never lock them out. */
  maxDelayMs: number;
  /** Wrong passwords from one client address, for any logins, before that address waits out the window. */
  attemptsPerAddress: number;
  /** A count is forgotten this long after its last wrong password (the address window runs from its first). */
  windowMs: number;
}

export interface SignInWait {
  /** What is being slowed down: the login (its backoff) or the client address (its window). */
  reason: 'login' | 'address';
  ms: number;
}

interface Count {
  count: number;
  first: number;
  last: number;
}

/** Entries kept at most, per kind; beyond it the oldest go (an attacker inventing logins must not grow memory). */
const MAX_ENTRIES = 50_000;

/** How sign-in attempts are slowed down; see MemorySignInLimiter for the rules. */
export interface SignInLimiter {
  /** How long `login` from `address` must wait before trying again; undefined when it may try now. */
  waitFor(login: string, address: string): Promise<SignInWait | undefined>;
  /** Marks a password check for `login` as running, until finished(); call after waitFor() said go. */
  started(login: string): Promise<void>;
  finished(login: string): Promise<void>;
  failed(login: string, address: string): Promise<void>;
  /** The right password clears that login's count; the address keeps its count until its window ends. */
  succeeded(login: string): Promise<void>;
}

/** While one password check of a login runs, another waits this long (the check takes far less). */
export const CHECKING_WAIT_MS = 1000;

/**
 * Slows password guessing down without letting anyone lock an agent out.
 *
 * Per login (across addresses): after `freeAttemptsPerLogin` wrong passwords each further attempt must
 * wait a growing delay, capped at `maxDelayMs`; once it has passed, the right password signs in. The old
 * lock (per login and address, 15 minutes, even for the right password) let anyone behind the same
 * reverse proxy lock the real agent out, while an attacker rotating addresses was never limited.
 *
 * Per address (across logins): `attemptsPerAddress` wrong passwords per window, so one client cannot
 * spray guesses over many logins. The address must be TrustedProxies.clientAddress(), not the socket's.
 *
 * In this process's memory (without DATABASE_URL); PostgresSignInLimiter counts across instances.
 */
export class MemorySignInLimiter implements SignInLimiter {
  private readonly logins = new Map<string, Count>();
  private readonly addresses = new Map<string, Count>();
  /** Logins with a password check running: a second one waits, or parallel guesses would skip the backoff. */
  private readonly checking = new Set<string>();

  constructor(
    private readonly limits: SignInLimits,
    private readonly now: () => number = Date.now,
  ) {}

  async waitFor(login: string, address: string): Promise<SignInWait | undefined> {
    const at = this.now();
    const byAddress = this.live(this.addresses, address, at, 'first');
    if (byAddress && byAddress.count >= this.limits.attemptsPerAddress) {
      return { reason: 'address', ms: byAddress.first + this.limits.windowMs - at };
    }
    if (this.checking.has(loginKey(login))) return { reason: 'login', ms: CHECKING_WAIT_MS };
    const byLogin = this.live(this.logins, loginKey(login), at, 'last');
    if (byLogin && byLogin.count >= this.limits.freeAttemptsPerLogin) {
      const ms = byLogin.last + delayAfter(this.limits, byLogin.count) - at;
      if (ms > 0) return { reason: 'login', ms };
    }
    return undefined;
  }

  async started(login: string): Promise<void> {
    this.checking.add(loginKey(login));
  }

  async finished(login: string): Promise<void> {
    this.checking.delete(loginKey(login));
  }

  async failed(login: string, address: string): Promise<void> {
    const at = this.now();
    this.count(this.logins, loginKey(login), at, 'last');
    this.count(this.addresses, address, at, 'first');
  }

  async succeeded(login: string): Promise<void> {
    this.logins.delete(loginKey(login));
  }

  private live(counts: Map<string, Count>, key: string, at: number, from: 'first' | 'last'): Count | undefined {
    const entry = counts.get(key);
    if (entry && entry[from] + this.limits.windowMs <= at) {
      counts.delete(key);
      return undefined;
    }
    return entry;
  }

  private count(counts: Map<string, Count>, key: string, at: number, from: 'first' | 'last'): void {
    const entry = this.live(counts, key, at, from);
    counts.delete(key);
    counts.set(key, { count: (entry?.count ?? 0) + 1, first: entry?.first ?? at, last: at });
    if (counts.size > MAX_ENTRIES) this.prune(counts, at, from);
  }

  private prune(counts: Map<string, Count>, at: number, from: 'first' | 'last'): void {
    for (const [key, entry] of counts) if (entry[from] + this.limits.windowMs <= at) counts.delete(key);
    // Insertion order is oldest change first (count() re-inserts), so these are the stalest entries.
    for (const key of counts.keys()) {
      if (counts.size <= MAX_ENTRIES) break;
      counts.delete(key);
    }
  }
}

/** The wait after the `count`-th wrong password: first delay, doubling, capped. */
export function delayAfter(limits: SignInLimits, count: number): number {
  const doublings = Math.min(count - limits.freeAttemptsPerLogin, 30);
  return Math.min(limits.firstDelayMs * 2 ** doublings, limits.maxDelayMs);
}

/** Logins are counted case- and space-insensitively: "Vili " is the same login as "vili". */
export function loginKey(login: string): string {
  return login.trim().toLowerCase();
}
