import { ActivityTypes, type Activity } from 'botbuilder';
import { valueOf } from './quick-reply-payload.js';
import type { MessagingEvent } from './webhook-event.js';

export const MESSENGER_CHANNEL = 'facebook';
/** The payload of Messenger's "Get Started" button, which Vastaa answers with its welcome. */
export const GET_STARTED_PAYLOAD = 'GET_STARTED';

/**
 * A Messenger event as the bot's activity: text, a quick reply (its payload's value, as a Web Chat
 * button would send) or a postback. The conversation id is `<user>-<page>`, as Azure's Facebook channel
 * names it. Echoes of our own sends, deliveries and reads are not turns: undefined. The raw event is
 * not kept; the middleware masks personal data in what is taken from it.
 */
export function toActivity(event: MessagingEvent, serviceUrl: string, botName: string): Partial<Activity> | undefined {
  const base: Partial<Activity> = {
    channelId: MESSENGER_CHANNEL,
    serviceUrl,
    timestamp: new Date(event.timestamp),
    conversation: { id: `${event.sender.id}-${event.recipient.id}`, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: event.sender.id, name: '', role: 'user' },
    recipient: { id: event.recipient.id, name: botName, role: 'bot' },
    // No channelData: the raw webhook event repeated the customer's text, payloads and attachment URLs
    // where only `text` was masked, so every card reached the transcript. The bot needs none of it.
  };
  if (event.message && !event.message.is_echo) {
    const value = valueOf(event.message.quick_reply?.payload);
    return {
      ...base,
      type: ActivityTypes.Message,
      id: event.message.mid,
      text: event.message.text ?? '',
      ...(value ? { value } : {}),
    };
  }
  if (event.postback) {
    if (event.postback.payload === GET_STARTED_PAYLOAD) {
      return { ...base, type: ActivityTypes.ConversationUpdate, id: event.postback.mid, membersAdded: [{ id: event.sender.id, name: '' }] };
    }
    const value = valueOf(event.postback.payload);
    return {
      ...base,
      type: ActivityTypes.Message,
      id: event.postback.mid,
      text: event.postback.title ?? event.postback.payload ?? '',
      ...(value ? { value } : {}),
    };
  }
  return undefined;
}
