import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadOptions {
  url: string;
  text: string;
  concurrency: number;
  /** Total turns across all virtual users; the loop stops there. */
  turns: number;
  /** Each virtual user has its own conversation id, `${conversationPrefix}-${user}`. */
  conversationPrefix: string;
}

export interface LoadResult {
  latenciesMs: number[];
  wallMs: number;
  errors: number;
  /** The first reply text of the first turn, to show which answer was measured. */
  sampleReply: string;
}

/**
 * Virtual users each send one message, wait for the replies (deliveryMode expectReplies) and send
 * the next, until `turns` turns are done. Loopback only; keep-alive sockets, one per user.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latenciesMs: number[] = [];
  let issued = 0;
  let errors = 0;
  let sampleReply = '';
  const user = async (index: number) => {
    const body = JSON.stringify({
      type: 'message',
      channelId: 'bench',
      conversation: { id: `${options.conversationPrefix}-${index}` },
      from: { id: 'u' },
      recipient: { id: 'bot' },
      deliveryMode: 'expectReplies',
      text: options.text,
    });
    while (issued < options.turns) {
      issued++;
      const started = performance.now();
      const reply = await post(agent, `${options.url}/api/messages`, body);
      latenciesMs.push(performance.now() - started);
      const text = firstReplyText(reply);
      if (text === undefined) errors++;
      else if (!sampleReply) sampleReply = text;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => user(index)));
  const wallMs = performance.now() - started;
  agent.destroy();
  return { latenciesMs, wallMs, errors, sampleReply };
}

function firstReplyText(reply: { status: number; body: string }): string | undefined {
  if (reply.status !== 200) return undefined;
  try {
    const parsed = JSON.parse(reply.body) as { activities?: { text?: string }[] };
    return parsed.activities?.find((activity) => activity.text)?.text;
  } catch {
    return undefined;
  }
}

function post(agent: Agent, url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}
