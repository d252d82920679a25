import type { Activity } from 'botbuilder';
import { mapActivityStrings } from '../../core/index.js';

/**
 * Traces are debug output; ContinueConversation is the adapter's own wake-up event for a proactive
 * send; typing signals (the customer's, the bot's, an agent's) say nothing once they are over. None
 * belongs in a transcript.
 */
export function isTranscriptWorthy(activity: Activity): boolean {
  return !(activity.type === 'trace' || activity.type === 'typing' || (activity.type === 'event' && activity.name === 'ContinueConversation'));
}

/**
 * The copy of an activity a transcript store keeps: every content string masked by `redact` (not only
 * `text`: a card in channelData, a value or from.name reached the disk), and the transcript attached to
 * a handoff event dropped (it would copy the transcript into itself).
 */
export function storableActivity(activity: Activity, redact: (text: string) => string): Activity {
  const copy = mapActivityStrings(structuredClone(activity), redact);
  if (copy.name === 'handoff.initiate') delete copy.attachments;
  return copy;
}
