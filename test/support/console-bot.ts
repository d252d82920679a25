import type { DeliveryFailureSource } from '../../bot/agent-console/index.js';
import { ANNA, startVastaa, VILI, type TestAgent, type Vastaa } from './vastaa.js';

export { ANNA, VILI, type TestAgent } from './vastaa.js';

export interface ConsoleBot extends Vastaa {
  /** The agent console's agents, sessions and password checks. */
  console: NonNullable<Vastaa['app']['agentConsole']>;
  /** A customer message through /api/messages, with replies in the response (expectReplies). */
  customerSays(text: string, options: { conversationId: string; serviceUrl?: string; locale?: string }): Promise<any[]>;
}

/** The whole app (startVastaa) with agents (Vili and Anna unless given) in its own data folder. */
export async function startConsoleBot(
  options: { agents?: TestAgent[]; env?: Record<string, string>; now?: () => Date; deliveryFailures?: DeliveryFailureSource[] } = {},
): Promise<ConsoleBot> {
  const vastaa = await startVastaa({
    agents: options.agents ?? [VILI, ANNA],
    env: options.env,
    now: options.now,
    overrides: { deliveryFailures: options.deliveryFailures },
  });
  const { agentConsole } = vastaa.app;
  if (!agentConsole) throw new Error('the agent console is off (AGENT_CONSOLE=false); startConsoleBot needs it on');
  return {
    ...vastaa,
    console: agentConsole,
    async customerSays(text, { conversationId, serviceUrl, locale = 'fi-FI' }) {
      const response = await vastaa.call('POST', '/api/messages', {
        body: {
          type: 'message',
          // The Emulator, which the default API_MESSAGES=emulator accepts (serviceUrl on loopback or none).
          channelId: 'emulator',
          conversation: { id: conversationId },
          from: { id: `user-${conversationId}` },
          recipient: { id: 'bot' },
          locale,
          text,
          deliveryMode: 'expectReplies',
          ...(serviceUrl ? { serviceUrl } : {}),
        },
      });
      if (response.status !== 200 && response.status !== 201 && response.status !== 202) throw new Error(`POST /api/messages answered ${response.status}`);
      return response.body?.activities ?? [];
    },
  };
}
