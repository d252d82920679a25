import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadOptions {
  url: string;
  text: string;
  concurrency: number;
  /** Total turns across all virtual users; the loop stops there. */
  turns: number;
  /** No new turn starts after this long, so a slow turn cannot stretch the run to many minutes. */
  maxMs?: number;
  /** Each turn opens conversation `${conversationPrefix}-${turn}` from customer `${conversationPrefix}-${turn}`. */
  conversationPrefix: string;
}

export interface LoadResult {
  latenciesMs: number[];
  wallMs: number;
  errors: number;
  /** The first reply text of the first turn, to show which answer was measured. */
  sampleReply: string;
  /** Names of the event activities among the first turn's replies (a handoff sends `handoff.initiate`). */
  sampleEvents: string[];
}

/**
 * Virtual users each send one message, wait for the replies (deliveryMode expectReplies) and send
 * the next, until `turns` turns are done. Loopback only; keep-alive sockets, one per user.
 *
 * Every turn is the first message of a new conversation from a new customer, as most FAQ and
 * handoff contacts are. In one long conversation a handoff would happen once and every later turn
 * would only be acknowledged in the queue, and the transcript rewritten each turn would grow with the run.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latenciesMs: number[] = [];
  let issued = 0;
  let errors = 0;
  let sampleReply = '';
  let sampleEvents: string[] | undefined;
  const deadline = performance.now() + (options.maxMs ?? Infinity);
  const user = async () => {
    while (issued < options.turns && performance.now() < deadline) {
      const id = `${options.conversationPrefix}-${issued++}`;
      const body = JSON.stringify({
        type: 'message',
        channelId: 'bench',
        conversation: { id },
        from: { id },
        recipient: { id: 'bot' },
        deliveryMode: 'expectReplies',
        text: options.text,
      });
      const started = performance.now();
      const reply = await post(agent, `${options.url}/api/messages`, body);
      latenciesMs.push(performance.now() - started);
      const activities = replyActivities(reply);
      const text = activities?.find((activity) => activity.text)?.text;
      if (text === undefined) errors++;
      else if (!sampleReply) sampleReply = text;
      sampleEvents ??= activities?.filter((activity) => activity.type === 'event').map((activity) => activity.name ?? '(unnamed)');
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, () => user()));
  const wallMs = performance.now() - started;
  agent.destroy();
  return { latenciesMs, wallMs, errors, sampleReply, sampleEvents: sampleEvents ?? [] };
}

interface ReplyActivity {
  type?: string;
  name?: string;
  text?: string;
}

/** The activities of an expectReplies response, or undefined when the turn failed. */
function replyActivities(reply: { status: number; body: string }): ReplyActivity[] | undefined {
  if (reply.status !== 200) return undefined;
  try {
    return (JSON.parse(reply.body) as { activities?: ReplyActivity[] }).activities ?? [];
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
