import { createServer } from 'node:http';
import { ANNA, startVastaa, VILI, type Vastaa } from './vastaa.js';

export const MESSENGER_APP_SECRET = 'full-bot-messenger-app-secret';
export const AGENT_API_TOKEN = 'full-bot-agent-api-token-0123456789';

export interface ChannelsAndConsoleBot extends Vastaa {
  channels: Vastaa['app']['channels'];
  agentConsole: Vastaa['app']['agentConsole'];
  /** Every body Messenger's Send API (a loopback stub) was sent. */
  graphCalls: unknown[];
  /** A GET of the agent API as `login` (AGENT_API_TOKEN + X-Agent-Login); fails the test unless 200. */
  agentGet(route: string, login?: string): Promise<any>;
}

/**
 * The whole app (startVastaa) with every channel on: /api/messages, the built-in Direct Line, a Messenger
 * webhook (its Send API a loopback stub) and the agent console with Vili and Anna, on a random
 * loopback port with its own data folder and a debug memory log.
 */
export async function startChannelsAndConsoleBot(options: { now?: () => Date } = {}): Promise<ChannelsAndConsoleBot> {
  const graphCalls: unknown[] = [];
  const graph = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      graphCalls.push(JSON.parse(body || '{}'));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ recipient_id: 'x', message_id: `m_${graphCalls.length}` }));
    });
  });
  const graphUrl = await new Promise<string>((resolve) =>
    graph.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(graph.address() as { port: number }).port}/v21.0`)),
  );
  const vastaa = await startVastaa({
    agents: [VILI, ANNA],
    now: options.now,
    env: {
      // Every test conversation starts from this one loopback address; the per-address limit is tested on its own (h5).
      DIRECT_LINE_STARTS_PER_MINUTE: '1000',
      DIRECT_LINE_TOKEN_KEY: 'full-bot-direct-line-token-key-0123456789abcdef',
      MESSENGER_APP_SECRET,
      MESSENGER_PAGE_ACCESS_TOKEN: 'page-token',
      MESSENGER_VERIFY_TOKEN: 'verify',
      MESSENGER_GRAPH_URL: graphUrl,
      AGENT_API_TOKEN,
    },
  });
  const { url } = vastaa;
  return {
    ...vastaa,
    channels: vastaa.app.channels,
    agentConsole: vastaa.app.agentConsole,
    graphCalls,
    async agentGet(route, login = VILI.login) {
      const response = await fetch(`${url}${route}`, { headers: { authorization: `Bearer ${AGENT_API_TOKEN}`, 'x-agent-login': login } });
      if (response.status !== 200) throw new Error(`GET ${route} answered ${response.status}: ${await response.text()}`);
      return response.json();
    },
    async stop() {
      await vastaa.stop();
      await new Promise((resolve) => graph.close(resolve));
    },
  };
}
