import type { Activity } from 'botbuilder';

/**
 * Marks an agent's reply in the conversation, so transcripts, summaries and channels tell a person
 * from the bot. Only the server sets it: SpeakerRolesMiddleware strips it from whatever comes in.
 * Its value is the agent's login.
 */
export const AGENT_REPLY_MARK = 'vastaaAgent';

/**
 * Whether the server sent this as an agent's reply. What came in is the customer's (role "user")
 * whatever its channelData says, so a customer cannot pass their message off as an agent's. The one
 * answer to "is this a person?": transcripts, the case view and Messenger's HUMAN_AGENT tag use it.
 */
export function isAgentMessage(activity: Partial<Activity>): boolean {
  return agentLoginOf(activity) !== undefined;
}

/** The login of the agent who sent this reply; undefined when it is not an agent's message. */
export function agentLoginOf(activity: Partial<Activity>): string | undefined {
  if (activity.from?.role === 'user') return undefined;
  const login = (activity.channelData as Record<string, unknown> | undefined)?.[AGENT_REPLY_MARK];
  return typeof login === 'string' ? login : undefined;
}

/**
 * Marks a bot message as an event line ("Vili joined the conversation"): Web Chat shows it centred,
 * not as a bubble (channels/webchat/public/chat-people.js); other channels send its text as it is.
 * Its value says which event: joined, transferred or left.
 */
export const EVENT_LINE_MARK = 'vastaaEventLine';

/** Whether the server sent this as an event line, which tells who is talking rather than about the matter. */
export function isEventLine(activity: Partial<Activity>): boolean {
  if (activity.from?.role === 'user') return false;
  return typeof (activity.channelData as Record<string, unknown> | undefined)?.[EVENT_LINE_MARK] === 'string';
}
