import pg from 'pg';

/** How long to wait before connecting the listener again after it was dropped; doubles up to the maximum. */
const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 5_000;

type Handler = (payload: string) => void;

/**
 * One LISTEN connection per instance for everything the instances tell each other (new Direct Line
 * activities, case changes). Payloads carry ids only; the data is read from the database, so a
 * notification can never be stale or too large (PostgreSQL caps a payload at 8,000 bytes).
 *
 * The channel is named after the schema, so deployments (and test schemas) sharing one database do
 * not hear each other. A dropped listener (a restart, a failover, pg_terminate_backend) connects
 * again; notifications sent meanwhile are lost, so every `onReconnect` callback then catches up
 * from the database.
 */
export class PostgresNotifications {
  private client: pg.Client | undefined;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly reconnected = new Set<() => void>();
  private closed = false;
  private delay: number;
  private timer: NodeJS.Timeout | undefined;
  private connecting: Promise<void> | undefined;

  private constructor(
    private readonly url: string,
    /** The LISTEN channel: quoted identifier, one per schema. */
    readonly channel: string,
    private readonly onProblem: (problem: string, error: Error) => void,
    private readonly firstDelayMs: number,
  ) {
    this.delay = firstDelayMs;
  }

  /**
   * Connects the listener; throws when the database cannot be reached. `reconnectAfterMs` is the first
   * wait before connecting again after a drop (tests lengthen it to act while the listener is away).
   */
  static async open(
    url: string,
    schema: string,
    onProblem: (problem: string, error: Error) => void,
    reconnectAfterMs = RECONNECT_FIRST_MS,
  ): Promise<PostgresNotifications> {
    const notifications = new PostgresNotifications(url, `vastaa:${schema}`.slice(0, 63), onProblem, reconnectAfterMs);
    await notifications.connect();
    return notifications;
  }

  /** Calls `handler` with the payload of every notification of `topic` (from any instance, this one too). */
  on(topic: string, handler: Handler): () => void {
    const set = this.handlers.get(topic) ?? new Set<Handler>();
    set.add(handler);
    this.handlers.set(topic, set);
    return () => set.delete(handler);
  }

  /** Called after the listener was dropped and is back: whatever was notified meanwhile must be read again. */
  onReconnect(callback: () => void): () => void {
    this.reconnected.add(callback);
    return () => this.reconnected.delete(callback);
  }

  /** The statement that notifies `topic` with `payload`: `SELECT pg_notify($1, $2)` with these parameters. */
  message(topic: string, payload: string): [string, string] {
    return [this.channel, `${topic}|${payload}`];
  }

  /** True while the listener is connected (for /readyz). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** The listener's backend process id, for operators and tests (pg_terminate_backend). */
  async backendPid(): Promise<number | undefined> {
    await this.connecting;
    const { rows } = (await this.client?.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')) ?? { rows: [] };
    return rows[0]?.pid;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    this.connecting = (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', (message) => this.dispatch(message.payload ?? ''));
      client.on('error', (error) => this.dropped(client, error));
      client.on('end', () => this.dropped(client, new Error('the listener connection ended')));
      await client.connect();
      await client.query(`LISTEN "${this.channel.replaceAll('"', '""')}"`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      this.delay = this.firstDelayMs;
    })();
    return this.connecting;
  }

  private dispatch(raw: string): void {
    const bar = raw.indexOf('|');
    if (bar < 0) return;
    for (const handler of this.handlers.get(raw.slice(0, bar)) ?? []) handler(raw.slice(bar + 1));
  }

  private dropped(client: pg.Client, error: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.onProblem('the PostgreSQL listener was dropped; connecting again', error);
    this.retry();
  }

  private retry(): void {
    this.timer = setTimeout(() => {
      this.connect().then(
        () => {
          if (this.closed) return;
          for (const callback of this.reconnected) callback();
        },
        (error: Error) => {
          this.onProblem('the PostgreSQL listener could not connect; trying again', error);
          this.delay = Math.min(this.delay * 2, RECONNECT_MAX_MS);
          this.retry();
        },
      );
    }, this.delay);
    this.timer.unref();
  }
}
