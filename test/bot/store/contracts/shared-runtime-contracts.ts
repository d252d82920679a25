import { describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import type { AgentPresence, Presence } from '../../../../bot/agent-console/agent-presence.js';
import type { SessionStore } from '../../../../bot/agent-console/session-store.js';
import type { RateLimit } from '../../../../bot/channels/directline/address-rate-limit.js';
import type { SpentTokenLedger } from '../../../../bot/channels/directline/spent-tokens.js';
import type { SignInLimiter, SignInLimits } from '../../../../bot/agent-console/sign-in-limiter.js';
import {
  ConversationsBusyError,
  POLL_PRESENCE_MS,
  type ActivitySet,
  type ConversationLimits,
} from '../../../../bot/channels/directline/directline-conversations.js';
import type { PagePresence } from '../../../../bot/channels/directline/stream-presence.js';
import type { DirectLineLog } from '../../../../bot/channels/directline/directline-log.js';
import type { VerificationAttempts, VerificationLimits } from '../../../../bot/store/index.js';

/** A clock the test moves; every store under contract reads the time from it. */
export class TestClock {
  constructor(public ms = Date.UTC(2026, 10, 27, 9, 0)) {}
  readonly now = () => this.ms;
  readonly date = () => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const VERIFICATION_LIMITS: VerificationLimits = { maxFailures: 3, windowMs: 60 * 60_000, lockMs: 30 * 60_000 };

/** What the order dialog relies on, for the file store and the PostgreSQL one. */
export function verificationAttemptsContract(
  name: string,
  harness: () => { open(clock: TestClock): Promise<VerificationAttempts>; reopen(clock: TestClock): Promise<VerificationAttempts> },
): void {
  describe(`${name} keeps the VerificationAttempts contract`, () => {
    test('counts failures per order and per customer; the limit-th locks both for lockMs, across a restart', async () => {
      const clock = new TestClock();
      const each = harness();
      const attempts = await each.open(clock);
      const subject = { orderNumber: '12345', customerKey: 'webchat/u1' };
      expect(await attempts.standing(subject, clock.date())).toEqual({ failures: 0 });
      await attempts.recordFailure(subject, clock.date());
      // Another customer trying the same order: the order's count goes on.
      expect(await attempts.recordFailure({ orderNumber: '12345', customerKey: 'webchat/u2' }, clock.date())).toEqual({ failures: 2 });
      const locked = await attempts.recordFailure(subject, clock.date());
      expect(locked).toEqual({ failures: 3, lockedUntil: new Date(clock.ms + VERIFICATION_LIMITS.lockMs) });
      const reopened = await each.reopen(clock);
      // The order is locked for anyone; customer u1 has two failures, below the limit.
      expect(await reopened.standing({ orderNumber: '12345', customerKey: 'webchat/u9' }, clock.date())).toEqual(locked);
      expect(await reopened.standing({ orderNumber: '99999', customerKey: 'webchat/u1' }, clock.date())).toEqual({ failures: 2 });
      clock.advance(VERIFICATION_LIMITS.lockMs);
      expect((await reopened.standing(subject, clock.date())).lockedUntil).toBeUndefined();
    });

    test('failures older than the window no longer count', async () => {
      const clock = new TestClock();
      const attempts = await harness().open(clock);
      const subject = { orderNumber: '777', customerKey: 'webchat/u3' };
      await attempts.recordFailure(subject, clock.date());
      clock.advance(VERIFICATION_LIMITS.windowMs + 1);
      expect(await attempts.recordFailure(subject, clock.date())).toEqual({ failures: 1 });
    });
  });
}

export const DIRECT_LINE_LIMITS: ConversationLimits = {
  historyPerConversation: 3,
  historyBytesPerConversation: 100_000,
  maxConversations: 2,
  idleMs: 600_000,
  emptyMs: 60_000,
};

/** The built-in Direct Line's conversations, in memory and in PostgreSQL. */
export function directLineLogContract(name: string, harness: () => { open(clock: TestClock): Promise<DirectLineLog>; close(): Promise<void> }): void {
  const text = (texts: string[]): Partial<Activity> => ({ type: 'message', text: texts.join(' ') });
  const received = (sets: ActivitySet[]) => sets.flatMap((set) => set.activities.map((activity) => activity.text));
  const settle = async (done: () => boolean) => {
    for (let waited = 0; !done() && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  describe(`${name} keeps the Direct Line log contract`, () => {
    test('numbers activities by watermark; a poll from a watermark gets only what came after it; the locale is kept', async () => {
      const each = harness();
      try {
        const log = await each.open(new TestClock());
        expect(await log.open('w-1', 'en-US')).toEqual({ created: true });
        expect(await log.open('w-1')).toEqual({ created: false });
        const first = await log.append('w-1', text(['one']));
        await log.append('w-1', text(['two']));
        expect(first.id).toMatch(/^w-1\|\d{7}$/);
        const all = await log.after('w-1', undefined);
        expect(all.activities.map((activity) => activity.text)).toEqual(['one', 'two']);
        const later = await log.after('w-1', String(Number(all.watermark) - 1));
        expect(later.activities.map((activity) => activity.text)).toEqual(['two']);
        expect(await log.locale('w-1')).toBe('en-US');
        expect((await log.after('unknown', '5')).activities).toEqual([]);
      } finally {
        await each.close();
      }
    });

    test('a subscriber gets the backlog, then each new activity once, in order', async () => {
      const each = harness();
      try {
        const log = await each.open(new TestClock());
        await log.append('s-1', text(['old']));
        const sets: ActivitySet[] = [];
        const unsubscribe = await log.subscribe('s-1', undefined, (set) => sets.push(set));
        await Promise.all([log.append('s-1', text(['a'])), log.append('s-1', text(['b']))]);
        await settle(() => received(sets).length >= 3);
        expect(received(sets)).toHaveLength(3);
        expect(received(sets)[0]).toBe('old');
        expect(new Set(received(sets)).size).toBe(3);
        unsubscribe();
        await log.append('s-1', text(['after']));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(received(sets)).not.toContain('after');
      } finally {
        await each.close();
      }
    });

    test('keeps only the newest activities of a conversation (historyPerConversation)', async () => {
      const each = harness();
      try {
        const log = await each.open(new TestClock());
        for (const word of ['1', '2', '3', '4', '5']) await log.append('h-1', text([word]));
        expect((await log.after('h-1', undefined)).activities.map((activity) => activity.text)).toEqual(['3', '4', '5']);
      } finally {
        await each.close();
      }
    });

    test('at the cap of conversations with a customer message a new one is refused, the held ones go on', async () => {
      const each = harness();
      try {
        const clock = new TestClock();
        const log = await each.open(clock);
        await log.engage('c-1');
        await log.engage('c-2');
        expect(await log.isFull()).toBe(true);
        await expect(log.open('c-3')).rejects.toBeInstanceOf(ConversationsBusyError);
        // The conversations held go on.
        expect(await log.open('c-1')).toEqual({ created: false });
        expect(await log.has('c-3')).toBe(false);
      } finally {
        await each.close();
      }
    });
  });
}

/** Agent sessions, in memory and in PostgreSQL. */
export function sessionStoreContract(name: string, harness: () => { open(idleMs: number, clock: TestClock): Promise<SessionStore> }): void {
  describe(`${name} keeps the SessionStore contract`, () => {
    test('a session lives while used and ends idleMs after its last use; isLive does not count as use', async () => {
      const clock = new TestClock();
      const sessions = await harness().open(1000, clock);
      const session = await sessions.start('vili');
      expect(session.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      clock.advance(800);
      expect(await sessions.touch(session.id)).toMatchObject({ id: session.id, login: 'vili', expiresAt: clock.ms + 1000 });
      clock.advance(800);
      expect(await sessions.isLive(session.id)).toBe(true);
      clock.advance(300);
      expect(await sessions.isLive(session.id)).toBe(false);
      expect(await sessions.touch(session.id)).toBeUndefined();
      expect(await sessions.touch(undefined)).toBeUndefined();
      expect(await sessions.touch('not-a-session')).toBeUndefined();
    });

    test('end() ends one session; endAllOf() every session of a login', async () => {
      const clock = new TestClock();
      const sessions = await harness().open(60_000, clock);
      const [one, two, anna] = [await sessions.start('vili'), await sessions.start('vili'), await sessions.start('anna')];
      await sessions.end(one.id);
      expect(await sessions.isLive(one.id)).toBe(false);
      expect(await sessions.isLive(two.id)).toBe(true);
      await sessions.endAllOf('vili');
      expect(await sessions.isLive(two.id)).toBe(false);
      expect(await sessions.isLive(anna.id)).toBe(true);
    });

    test('signedInAgents() counts each login with a live session once (the agents on duty)', async () => {
      const clock = new TestClock();
      const sessions = await harness().open(1000, clock);
      const before = await sessions.signedInAgents();
      await sessions.start('kaisa');
      const again = await sessions.start('kaisa');
      await sessions.start('olli');
      expect(await sessions.signedInAgents()).toBe(before + 2);
      await sessions.endAllOf('olli');
      expect(await sessions.signedInAgents()).toBe(before + 1);
      await sessions.end(again.id);
      expect(await sessions.signedInAgents()).toBe(before + 1);
      clock.advance(1100);
      expect(await sessions.signedInAgents()).toBe(0);
    });
  });
}

export const SIGN_IN_LIMITS: SignInLimits = { freeAttemptsPerLogin: 2, firstDelayMs: 1000, maxDelayMs: 4000, attemptsPerAddress: 5, windowMs: 60_000 };

/** Sign-in slowing, in memory and in PostgreSQL. */
export function signInLimiterContract(name: string, harness: () => { open(clock: TestClock): Promise<SignInLimiter> }): void {
  describe(`${name} keeps the SignInLimiter contract`, () => {
    /** One sign-in attempt as the route makes it. */
    const attempt = async (limiter: SignInLimiter, login: string, address: string, right: boolean) => {
      const wait = await limiter.waitFor(login, address);
      if (wait) return wait;
      await limiter.started(login);
      if (right) await limiter.succeeded(login);
      else await limiter.failed(login, address);
      await limiter.finished(login);
      return undefined;
    };

    test('after the free wrong passwords each try waits a doubling delay up to the cap; the right password then signs in and clears it', async () => {
      const clock = new TestClock();
      const limiter = await harness().open(clock);
      expect(await attempt(limiter, 'vili', '10.0.0.1', false)).toBeUndefined();
      expect(await attempt(limiter, 'Vili ', '10.0.0.2', false)).toBeUndefined();
      expect(await limiter.waitFor('vili', '10.0.0.3')).toEqual({ reason: 'login', ms: 1000 });
      clock.advance(1000);
      expect(await attempt(limiter, 'vili', '10.0.0.3', false)).toBeUndefined();
      expect(await limiter.waitFor('vili', '10.0.0.3')).toEqual({ reason: 'login', ms: 2000 });
      clock.advance(2000);
      expect(await attempt(limiter, 'vili', '10.0.0.3', true)).toBeUndefined();
      expect(await limiter.waitFor('vili', '10.0.0.3')).toBeUndefined();
      await limiter.finished('vili');
    });

    test('one address guessing over many logins waits out its window', async () => {
      const clock = new TestClock();
      const limiter = await harness().open(clock);
      for (const login of ['a1', 'a2', 'a3', 'a4', 'a5']) expect(await attempt(limiter, login, '10.9.9.9', false)).toBeUndefined();
      clock.advance(10_000);
      expect(await limiter.waitFor('a6', '10.9.9.9')).toEqual({ reason: 'address', ms: 50_000 });
      expect(await limiter.waitFor('a6', '10.9.9.8')).toBeUndefined();
      await limiter.finished('a6');
    });

    test('while a password check of a login runs, another try of that login waits', async () => {
      const limiter = await harness().open(new TestClock());
      expect(await limiter.waitFor('anna', '10.0.0.1')).toBeUndefined();
      await limiter.started('anna');
      expect(await limiter.waitFor('anna', '10.0.0.2')).toEqual({ reason: 'login', ms: 1000 });
      await limiter.finished('anna');
      expect(await limiter.waitFor('anna', '10.0.0.2')).toBeUndefined();
      await limiter.finished('anna');
    });
  });
}

/** What the built-in Direct Line's admission relies on: a token bucket per client address. */
export function rateLimitContract(name: string, harness: () => { open(perMinute: number, clock: TestClock): Promise<RateLimit> }): void {
  describe(`${name} keeps the RateLimit contract`, () => {
    test('allows a burst of perMinute, then says how long until the next; refills at perMinute a minute', async () => {
      const clock = new TestClock();
      const limit = await harness().open(6, clock);
      for (let index = 0; index < 6; index++) expect(await limit.take('198.51.100.7')).toEqual({ ok: true });
      expect(await limit.take('198.51.100.7')).toEqual({ ok: false, retryAfterSeconds: 10 });
      clock.advance(5_000);
      expect(await limit.take('198.51.100.7')).toEqual({ ok: false, retryAfterSeconds: 5 });
      clock.advance(5_000);
      expect(await limit.take('198.51.100.7')).toEqual({ ok: true });
      expect(await limit.take('198.51.100.7')).toEqual({ ok: false, retryAfterSeconds: 10 });
      // A minute untouched: the full burst again.
      clock.advance(60_000);
      for (let index = 0; index < 6; index++) expect(await limit.take('198.51.100.7')).toEqual({ ok: true });
    });

    test('each address has its own allowance; IPv6 addresses of one /64 share one', async () => {
      const clock = new TestClock();
      const limit = await harness().open(1, clock);
      expect(await limit.take('198.51.100.8')).toEqual({ ok: true });
      expect(await limit.take('198.51.100.9')).toEqual({ ok: true });
      expect(await limit.take('2001:db8:1:2::1')).toEqual({ ok: true });
      expect((await limit.take('2001:db8:1:2:ffff::9')).ok).toBe(false);
      expect(await limit.take('2001:db8:1:3::1')).toEqual({ ok: true });
    });
  });
}

/** What a single-use stream URL relies on: a token id is spent once until it expires. */
export function spentTokensContract(name: string, harness: () => { open(clock: TestClock): Promise<SpentTokenLedger> }): void {
  describe(`${name} keeps the SpentTokenLedger contract`, () => {
    test('spends an id once; another id is its own; an expired id may be spent again', async () => {
      const clock = new TestClock();
      const spent = await harness().open(clock);
      const expires = clock.ms + 120_000;
      expect(await spent.spend('stream-token-1', expires)).toBe(true);
      expect(await spent.spend('stream-token-1', expires)).toBe(false);
      expect(await spent.spend('stream-token-2', expires)).toBe(true);
      clock.advance(120_001);
      expect(await spent.spend('stream-token-1', clock.ms + 120_000)).toBe(true);
    });
  });
}

/** What routing and the console rely on, for the presence in DATA_DIR and the one in PostgreSQL. */
export function agentPresenceContract(name: string, harness: () => { open(clock: TestClock, offlineAfterMs: number): Promise<AgentPresence> }): void {
  describe(`${name} keeps the AgentPresence contract`, () => {
    test('an agent never set is offline; a change is stored with its time and told once; the same state again changes nothing', async () => {
      const clock = new TestClock();
      const presence = await harness().open(clock, 60_000);
      const changes: [string, Presence][] = [];
      presence.events.on('changed', (login, state) => changes.push([login, state]));
      expect(presence.of('vili')).toEqual({ status: 'offline', since: new Date(0).toISOString() });
      const online = await presence.set('vili', 'online');
      expect(online).toEqual({ status: 'online', since: clock.date().toISOString() });
      expect(presence.of('vili')).toEqual(online);
      clock.advance(1000);
      expect(await presence.set('vili', 'online')).toEqual(online);
      expect(await presence.set('anna', 'away')).toEqual({ status: 'away', since: clock.date().toISOString() });
      expect(changes).toEqual([
        ['vili', online],
        ['anna', { status: 'away', since: clock.date().toISOString() }],
      ]);
      await presence.close();
    });

    test('offline once every console has been closed for offlineAfterMs; an open console keeps the agent as they are', async () => {
      const clock = new TestClock();
      const presence = await harness().open(clock, 100);
      await presence.set('vili', 'online');
      presence.consoleOpened('vili');
      presence.consoleOpened('vili');
      presence.consoleClosed('vili');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(presence.of('vili').status).toBe('online');
      presence.consoleClosed('vili');
      for (let tries = 0; presence.of('vili').status !== 'offline' && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(presence.of('vili').status).toBe('offline');
      await presence.close();
    });
  });
}

/** What the delivery ticks, the email of a reply and the email offer rely on: whether the customer's page is there. */
export function pagePresenceContract(
  name: string,
  harness: () => { open(clock: TestClock): Promise<{ log: DirectLineLog; presence: PagePresence }>; close(): Promise<void> },
): void {
  describe(`${name} keeps the PagePresence contract`, () => {
    test('a conversation not held has no page; an open stream is there; closed, the time away counts; a poll is there for a moment', async () => {
      const clock = new TestClock();
      const each = harness();
      try {
        const { log, presence } = await each.open(clock);
        expect(await presence.presence('page-1')).toEqual({ held: false, connected: false });
        await log.open('page-1');
        clock.advance(1000);
        expect(await presence.presence('page-1')).toEqual({ held: true, connected: false, awayMs: 1000 });
        const unsubscribe = await log.subscribe('page-1', undefined, () => undefined);
        clock.advance(60_000);
        expect(await presence.presence('page-1')).toEqual({ held: true, connected: true });
        unsubscribe();
        clock.advance(30_000);
        await until(async () => (await presence.presence('page-1')).awayMs === 30_000);
        await log.poll('page-1', undefined);
        expect(await presence.presence('page-1')).toEqual({ held: true, connected: true });
        clock.advance(POLL_PRESENCE_MS + 2000);
        expect(await presence.presence('page-1')).toEqual({ held: true, connected: false, awayMs: 2000 });
      } finally {
        await each.close();
      }
    });
  });
}

async function until(done: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms: ${done.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
