import { markLongLived } from '../http/in-flight-requests.js';
import type { Request, Response } from 'restify';
import type { CaseChange, CaseChangeFeed } from '../../handoff/index.js';
import type { SessionStore } from './session-store.js';

/** How often a comment line keeps proxies from closing an idle stream, and signed-out streams are ended. */
const HEARTBEAT_MS = 20_000;

interface Stream {
  res: Response;
  sessionId?: string;
}

/**
 * The live event stream of the console (Server-Sent Events): every case change of the desk, as
 * `event: change` with `{ kind, caseId, status, revision }`. One feed listener fans out to all
 * streams; a stream ends when its session ends. The feed is the desk's own, or with DATABASE_URL
 * every instance's changes (PostgresCaseChanges).
 */
export class ConsoleEvents {
  private readonly streams = new Set<Stream>();
  private readonly listener = (change: CaseChange) => this.broadcast('change', change);
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly feed: CaseChangeFeed,
    private readonly sessions: SessionStore,
  ) {
    feed.on('change', this.listener);
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  open(req: Request, res: Response, sessionId: string | undefined): void {
    markLongLived(res);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\nevent: ready\ndata: {}\n\n');
    const stream: Stream = { res, ...(sessionId ? { sessionId } : {}) };
    this.streams.add(stream);
    req.on('close', () => this.streams.delete(stream));
  }

  /** Sends an event to every open stream, e.g. a case note written outside the desk's own changes. */
  broadcast(event: string, data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const stream of this.streams) stream.res.write(frame);
  }

  /** Ends the streams of a session (sign-out). */
  endSession(sessionId: string): void {
    for (const stream of this.streams) if (stream.sessionId === sessionId) this.end(stream);
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.feed.off('change', this.listener);
    for (const stream of this.streams) this.end(stream);
  }

  private beat(): void {
    for (const stream of this.streams) {
      const live = stream.sessionId ? this.sessions.isLive(stream.sessionId) : Promise.resolve(true);
      // An unanswered check (the database away) keeps the stream: the next beat asks again.
      const keep = () => this.streams.has(stream) && stream.res.write(': keep-alive\n\n');
      live.then((yes) => (yes ? keep() : this.end(stream)), keep);
    }
  }

  private end(stream: Stream): void {
    if (!this.streams.delete(stream)) return;
    stream.res.end();
  }
}
