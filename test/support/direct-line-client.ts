import type { Activity } from 'botbuilder';
import WebSocket from 'ws';

export interface ActivitySet {
  activities: Activity[];
  watermark: string;
}

/** A minimal Direct Line 3.0 client, speaking the protocol as Web Chat does, for tests without a browser. */
export class DirectLineClient {
  token = '';
  conversationId = '';
  streamUrl = '';

  constructor(readonly domain: string) {}

  async request(method: string, path: string, body?: unknown, token = this.token): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.domain}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Gets a token and starts its conversation, as Web Chat does on load. */
  async start(locale = 'fi-FI'): Promise<void> {
    const generated = await this.request('POST', '/tokens/generate', undefined, '');
    if (generated.status !== 200) throw new Error(`tokens/generate answered ${generated.status}: ${JSON.stringify(generated.body)}`);
    this.token = generated.body.token;
    const started = await this.request('POST', '/conversations', { user: { id: 'ignored' }, locale });
    if (started.status !== 201) throw new Error(`start answered ${started.status}: ${JSON.stringify(started.body)}`);
    this.conversationId = started.body.conversationId;
    this.token = started.body.token;
    this.streamUrl = started.body.streamUrl;
  }

  post(activity: Partial<Activity>): Promise<{ status: number; body: any }> {
    return this.request('POST', `/conversations/${this.conversationId}/activities`, { from: { id: 'web-user' }, locale: 'fi-FI', ...activity });
  }

  poll(watermark?: string): Promise<{ status: number; body: ActivitySet }> {
    return this.request('GET', `/conversations/${this.conversationId}/activities${watermark === undefined ? '' : `?watermark=${watermark}`}`);
  }

  async reconnect(watermark: string): Promise<void> {
    const answer = await this.request('GET', `/conversations/${this.conversationId}?watermark=${watermark}`);
    if (answer.status !== 200) throw new Error(`reconnect answered ${answer.status}`);
    this.token = answer.body.token;
    this.streamUrl = answer.body.streamUrl;
  }

  openStream(url = this.streamUrl): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const stream = new Stream(ws);
      ws.once('open', () => resolve(stream));
      ws.once('unexpected-response', (_request, response) => reject(new Error(`stream refused: ${response.statusCode}`)));
      ws.once('error', reject);
    });
  }
}

/** Everything received on one WebSocket stream, in order, with a way to wait for what is expected. */
export class Stream {
  readonly sets: ActivitySet[] = [];
  private waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      if (!text) return;
      this.sets.push(JSON.parse(text) as ActivitySet);
      this.waiters.forEach((wake) => wake());
    });
  }

  get activities(): Activity[] {
    return this.sets.flatMap((set) => set.activities);
  }

  get watermark(): string {
    return this.sets.at(-1)?.watermark ?? '';
  }

  /** Waits until `done` holds for the activities received so far. */
  async until(done: (activities: Activity[]) => boolean, timeoutMs = 5000): Promise<Activity[]> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.activities)) {
      if (Date.now() > deadline) throw new Error(`stream: timed out; received ${JSON.stringify(this.activities.map((a) => [a.type, a.text]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters = [];
    }
    return this.activities;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
