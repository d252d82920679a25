import { EventEmitter } from 'node:events';
import type { Pool } from 'pg';
import type { Logger } from '../../../core/index.js';
import { NEVER_SET, PRESENCE_STATES, type AgentPresence, type Presence, type PresenceState } from '../../agent-console/agent-presence.js';
import type { PostgresNotifications } from './postgres-notifications.js';

/** How often an instance marks its open consoles as still open. */
export const CONSOLE_HEARTBEAT_MS = 30_000;
/** Consoles of an instance not marked for this long count as closed: the instance was killed. */
export const CONSOLE_STALE_MS = 3 * CONSOLE_HEARTBEAT_MS;

const TOPIC = 'presence';

export interface PostgresAgentPresenceOptions {
  /** This instance's id (its rows of open consoles). */
  instance: string;
  offlineAfterMs: number;
  /** The app's clock, for `since`. */
  now: () => Date;
  logger: Logger;
  /** Real time, for the liveness of consoles; tests move it. */
  clock?: () => number;
  heartbeatMs?: number;
}

/**
 * The agents' presence in PostgreSQL, shared by every instance: an agent who signs in through one
 * instance is online for the router and the queue estimate of every other. Each instance keeps a copy
 * in memory (routing reads it synchronously for every agent), refreshed by a notification after each
 * change and read again in full when the listener comes back after a drop.
 *
 * The countdown to offline counts the consoles open on every instance: an instance's open consoles
 * are rows of `agent_consoles`, refreshed every `CONSOLE_HEARTBEAT_MS`, so the consoles of a killed
 * instance stop counting after `CONSOLE_STALE_MS`. Unlike the file, a restart of one instance sets
 * nobody offline: the sessions are in the database too and outlive it.
 */
export class PostgresAgentPresence implements AgentPresence {
  readonly events = new EventEmitter<{ changed: [string, Presence] }>();
  private readonly consoles = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly stopListening: (() => void)[];
  /** Console counts are written in order, so the last count written is the last count taken. */
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly notifications: PostgresNotifications,
    private readonly states: Map<string, Presence>,
    private readonly options: Required<Omit<PostgresAgentPresenceOptions, 'clock' | 'heartbeatMs'>> & { clock: () => number },
    heartbeatMs: number,
  ) {
    this.stopListening = [
      notifications.on(TOPIC, (login) => void this.reload(login)),
      notifications.onReconnect(
        () =>
          void this.reloadAll().catch((error: unknown) =>
            this.options.logger.warn("could not read the agents' presence again after the listener reconnected", { error }),
          ),
      ),
    ];
    this.heartbeat = setInterval(() => void this.markConsolesSeen(), heartbeatMs);
    this.heartbeat.unref();
  }

  static async open(pool: Pool, notifications: PostgresNotifications, options: PostgresAgentPresenceOptions): Promise<PostgresAgentPresence> {
    const presence = new PostgresAgentPresence(
      pool,
      notifications,
      new Map(),
      { ...options, clock: options.clock ?? Date.now },
      options.heartbeatMs ?? CONSOLE_HEARTBEAT_MS,
    );
    await presence.reloadAll();
    return presence;
  }

  of(login: string): Presence {
    return this.states.get(login) ?? NEVER_SET;
  }

  async set(login: string, status: PresenceState): Promise<Presence> {
    const since = this.options.now().toISOString();
    // Changed and announced in one statement: no instance can miss a change that was stored.
    const { rows } = await this.pool.query<{ status: PresenceState; since: string }>(
      `WITH changed AS (
         INSERT INTO agent_presence (login, status, since) VALUES ($1, $2, $3)
         ON CONFLICT (login) DO UPDATE SET status = EXCLUDED.status, since = EXCLUDED.since WHERE agent_presence.status <> EXCLUDED.status
         RETURNING status, since)
       SELECT status, since, pg_notify($4, $5) FROM changed`,
      [login, status, since, ...this.notifications.message(TOPIC, login)],
    );
    if (rows[0]) {
      this.learn(login, { status: rows[0].status, since: rows[0].since });
      return this.of(login);
    }
    // It had that state already (perhaps set through another instance a moment ago).
    return (await this.reload(login)) ?? this.of(login);
  }

  consoleOpened(login: string): void {
    this.consoles.set(login, (this.consoles.get(login) ?? 0) + 1);
    clearTimeout(this.timers.get(login));
    this.timers.delete(login);
    this.writeConsoles(login);
  }

  consoleClosed(login: string): void {
    const open = Math.max(0, (this.consoles.get(login) ?? 0) - 1);
    this.consoles.set(login, open);
    this.writeConsoles(login);
    if (open === 0 && this.of(login).status !== 'offline') this.startOfflineTimer(login);
  }

  /** Stops the timers and the listening, then forgets this instance's consoles (call before the pool closes). */
  async close(): Promise<void> {
    this.closed = true;
    for (const stop of this.stopListening) stop();
    clearInterval(this.heartbeat);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.writing;
    await this.pool
      .query('DELETE FROM agent_consoles WHERE instance = $1', [this.options.instance])
      .catch((error: unknown) => this.options.logger.warn("could not forget this instance's open consoles; they stop counting when stale", { error }));
  }

  /** How many consoles of the agent are open on every instance that is alive. */
  async openConsolesEverywhere(login: string): Promise<number> {
    await this.writing;
    const { rows } = await this.pool.query<{ open: string }>(`SELECT coalesce(sum(open), 0) AS open FROM agent_consoles WHERE login = $1 AND seen_at > $2`, [
      login,
      this.options.clock() - CONSOLE_STALE_MS,
    ]);
    return Number(rows[0]!.open);
  }

  private learn(login: string, next: Presence): void {
    const current = this.states.get(login);
    if (current && current.status === next.status && current.since === next.since) return;
    this.states.set(login, next);
    this.events.emit('changed', login, next);
  }

  private async reload(login: string): Promise<Presence | undefined> {
    if (this.closed) return undefined;
    try {
      const { rows } = await this.pool.query<{ status: PresenceState; since: string }>('SELECT status, since FROM agent_presence WHERE login = $1', [login]);
      if (rows[0] && PRESENCE_STATES.includes(rows[0].status)) this.learn(login, rows[0]);
      return rows[0];
    } catch (error) {
      this.options.logger.warn('could not read an agent presence another instance changed; read again when the listener reconnects', { login, error });
      return undefined;
    }
  }

  private async reloadAll(): Promise<void> {
    if (this.closed) return;
    const { rows } = await this.pool.query<{ login: string; status: PresenceState; since: string }>('SELECT login, status, since FROM agent_presence');
    for (const row of rows) this.learn(row.login, { status: row.status, since: row.since });
  }

  private writeConsoles(login: string): void {
    this.writing = this.writing.then(async () => {
      if (this.closed) return;
      const open = this.consoles.get(login) ?? 0;
      try {
        await this.pool.query(
          `INSERT INTO agent_consoles (instance, login, open, seen_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (instance, login) DO UPDATE SET open = EXCLUDED.open, seen_at = EXCLUDED.seen_at`,
          [this.options.instance, login, open, this.options.clock()],
        );
      } catch (error) {
        this.options.logger.warn('could not count an open agent console in the database', { login, error });
      }
    });
  }

  private async markConsolesSeen(): Promise<void> {
    if (this.closed) return;
    await this.pool
      .query('UPDATE agent_consoles SET seen_at = $2 WHERE instance = $1 AND open > 0', [this.options.instance, this.options.clock()])
      .catch((error: unknown) => this.options.logger.warn("could not mark this instance's open consoles as open", { error }));
  }

  private startOfflineTimer(login: string): void {
    clearTimeout(this.timers.get(login));
    const timer = setTimeout(() => {
      this.timers.delete(login);
      if ((this.consoles.get(login) ?? 0) > 0 || this.closed) return;
      void this.offlineUnlessOpenElsewhere(login);
    }, this.options.offlineAfterMs);
    timer.unref();
    this.timers.set(login, timer);
  }

  private async offlineUnlessOpenElsewhere(login: string): Promise<void> {
    try {
      if ((await this.openConsolesEverywhere(login)) > 0 || this.closed) return;
      await this.set(login, 'offline');
    } catch (error) {
      this.options.logger.warn('could not set an agent whose consoles closed offline', { login, error });
    }
  }
}
