import { describe, expect, test } from '@jest/globals';
import { AGENT_REPLY_MARK, agentLoginOf, isAgentMessage } from '../../handoff/index.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function agentMessageTests(): void {
  describe("is this an agent's message?", () => {
    test("the server's mark makes an agent's reply and names the agent", () => {
      const reply = { type: 'message', from: { id: 'bot', name: 'Vili', role: 'bot' }, channelData: { [AGENT_REPLY_MARK]: 'vili' } };
      expect(isAgentMessage(reply)).toBe(true);
      expect(agentLoginOf(reply)).toBe('vili');
    });

    test('a customer cannot pass their message off as an agent’s, and a display name proves nothing', () => {
      expect(isAgentMessage({ from: { id: 'u', name: 'Vili', role: 'user' }, channelData: { [AGENT_REPLY_MARK]: 'vili' } })).toBe(false);
      expect(isAgentMessage({ from: { id: 'bot', name: 'Vili' } })).toBe(false);
      expect(agentLoginOf({ channelData: { [AGENT_REPLY_MARK]: 42 } })).toBeUndefined();
    });
  });
}
