import { startVastaa, type Vastaa } from '../support/vastaa.js';

export const EDGE_AGENT = { login: 'vili', name: 'Vili', language: 'fi' as const, password: 'vilin-salasana-123' };
export const EDGE_TOKENS = { admin: 'admin-token-0123456789', metrics: 'metrics-token-0123456789' };
export const MESSENGER_SECRET = 'messenger-app-secret';

export type EdgeServer = Vastaa;

/**
 * Everything a stranger can reach, as production builds it (startVastaa): the bot, the chat page with the
 * built-in Direct Line, self-hosted Messenger and the agent console (agent vili), on a loopback port.
 */
export async function startEdgeServer(env: Record<string, string> = {}): Promise<EdgeServer> {
  return startVastaa({
    agents: [EDGE_AGENT],
    env: {
      ADMIN_TOKEN: EDGE_TOKENS.admin,
      METRICS_TOKEN: EDGE_TOKENS.metrics,
      MESSENGER_APP_SECRET: MESSENGER_SECRET,
      MESSENGER_PAGE_ACCESS_TOKEN: 'page-token',
      MESSENGER_VERIFY_TOKEN: 'verify-me',
      MESSENGER_GRAPH_URL: 'http://127.0.0.1:9/v21.0',
      ...env,
    },
  });
}
