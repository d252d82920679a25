import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Logger } from '../../core/index.js';
import { writeJsonDurably } from '../store/index.js';

/** Whether an agent takes cases now: online gets routed cases, away and offline get none. */
export const PRESENCE_STATES = ['online', 'away', 'offline'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

export interface Presence {
  status: PresenceState;
  /** When the agent entered this state (ISO 8601). */
  since: string;
}

const fileShape = z.object({
  version: z.literal(1),
  agents: z.record(z.string(), z.object({ status: z.enum(PRESENCE_STATES), since: z.string() })),
});

/**
 * The agents' presence as routing, the queue estimate and the console read it: `FileAgentPresence`
 * for one instance, `PostgresAgentPresence` for instances sharing DATABASE_URL.
 */
export interface AgentPresence {
  /** `changed` (login, presence) after every change (with PostgreSQL: made on any instance), for routing. */
  readonly events: EventEmitter<{ changed: [string, Presence] }>;
  /** The agent's state now; offline when never set. Synchronous: routing asks for every agent on every run. */
  of(login: string): Presence;
  /** Sets the agent's state; resolves once it is stored. Setting the state it already has changes nothing. */
  set(login: string, status: PresenceState): Promise<Presence>;
  /** A console of the agent opened its event stream: it keeps them from going offline. */
  consoleOpened(login: string): void;
  /** A console's stream closed; the last one closing (on every instance) starts the countdown to offline. */
  consoleClosed(login: string): void;
  close(): void | Promise<void>;
}

/** The presence of an agent nobody has set: offline since the epoch. */
export const NEVER_SET: Presence = { status: 'offline', since: new Date(0).toISOString() };

/**
 * The agents' presence, kept in `DATA_DIR/agent-presence.json` (rewritten durably on each change).
 * Set by the agent in the console; signing in sets online, signing out (and a restart, which ends
 * every session) sets offline at once, and an agent whose every console has been closed for
 * `offlineAfterMs` is set offline, so routing never gives cases to someone who has gone home without saying so.
 */
export class FileAgentPresence implements AgentPresence {
  /** `changed` (login, presence) after every change, for routing. */
  readonly events = new EventEmitter<{ changed: [string, Presence] }>();
  private readonly consoles = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly states: Map<string, Presence>,
    private readonly offlineAfterMs: number,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  /**
   * Reads the file (missing or unreadable: everyone offline). Sessions live in memory, so a restart
   * has signed everyone out: whoever was online or away is set offline, as at sign-out.
   */
  static async open(file: string, options: { offlineAfterMs: number; now: () => Date; logger: Logger }): Promise<FileAgentPresence> {
    let states = new Map<string, Presence>();
    try {
      const parsed = fileShape.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) states = new Map(Object.entries(parsed.data.agents));
      else options.logger.warn('agent presence file ignored: not a Vastaa presence file; everyone starts offline', { file });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') options.logger.warn('agent presence file unreadable; everyone starts offline', { file, error });
    }
    const presence = new FileAgentPresence(file, states, options.offlineAfterMs, options.now, options.logger);
    for (const [login, state] of [...states]) if (state.status !== 'offline') await presence.set(login, 'offline');
    return presence;
  }

  of(login: string): Presence {
    return this.states.get(login) ?? NEVER_SET;
  }

  /** Sets the agent's state; resolves once it is on disk. Setting the state it already has changes nothing. */
  async set(login: string, status: PresenceState): Promise<Presence> {
    const current = this.of(login);
    if (current.status === status && this.states.has(login)) return current;
    const next = { status, since: this.now().toISOString() };
    this.states.set(login, next);
    const snapshot = { version: 1, agents: Object.fromEntries(this.states) };
    this.writing = this.writing.then(() =>
      writeJsonDurably(this.file, snapshot).catch((error) => this.logger.error('agent presence not saved', { file: this.file, error })),
    );
    await this.writing;
    this.events.emit('changed', login, next);
    return next;
  }

  /** A console of the agent opened its event stream: it keeps them from going offline. */
  consoleOpened(login: string): void {
    this.consoles.set(login, (this.consoles.get(login) ?? 0) + 1);
    clearTimeout(this.timers.get(login));
    this.timers.delete(login);
  }

  /** A console's stream closed; the last one closing starts the countdown to offline. */
  consoleClosed(login: string): void {
    const open = Math.max(0, (this.consoles.get(login) ?? 0) - 1);
    this.consoles.set(login, open);
    if (open === 0 && this.of(login).status !== 'offline') this.startOfflineTimer(login);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private startOfflineTimer(login: string): void {
    clearTimeout(this.timers.get(login));
    const timer = setTimeout(() => {
      this.timers.delete(login);
      if ((this.consoles.get(login) ?? 0) === 0) void this.set(login, 'offline');
    }, this.offlineAfterMs);
    timer.unref();
    this.timers.set(login, timer);
  }
}
