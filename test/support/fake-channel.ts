import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/**
 * A channel's connector service on loopback (what Azure Bot Service runs for Teams or Web Chat):
 * the bot posts proactive messages here, and the test reads what the customer's side received.
 */
export interface FakeChannel {
  serviceUrl: string;
  received: Activity[];
  /** Resolves with the first received activity matching `predicate` (waiting up to `timeoutMs`). */
  waitFor(predicate: (activity: Activity) => boolean, timeoutMs?: number): Promise<Activity>;
  close(): Promise<void>;
}

export async function startFakeChannel(): Promise<FakeChannel> {
  const received: Activity[] = [];
  const waiters: { predicate: (activity: Activity) => boolean; resolve: (activity: Activity) => void }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
        const activity = JSON.parse(body) as Activity;
        received.push(activity);
        for (const waiter of [...waiters]) {
          if (waiter.predicate(activity)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(activity);
          }
        }
        res.statusCode = 200;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `sent-${received.length}` }));
        return;
      }
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}`,
    received,
    waitFor(predicate, timeoutMs = 5000) {
      const already = received.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the channel received no matching activity in ${timeoutMs} ms; got ${JSON.stringify(received.map((a) => a.text))}`)),
          timeoutMs,
        );
        waiters.push({ predicate, resolve: (activity) => (clearTimeout(timer), resolve(activity)) });
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
