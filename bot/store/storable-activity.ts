import type { Activity } from 'botbuilder';
import { isPlainObject, MAX_CONTENT_DEPTH, mapActivityStrings } from '../../core/index.js';

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
  // mapActivityStrings copies every plain object and array it walks; structuredClone first is needed
  // only for what it would pass through uncopied and unmasked (class instances, Maps) or what must
  // fail (functions). Cloning every activity was a tenth of the transcript's CPU on a FAQ turn.
  const copy = mapActivityStrings(isPlainTree(activity, 0) ? activity : structuredClone(activity), redact);
  if (copy.name === 'handoff.initiate') delete copy.attachments;
  return copy;
}

/** Only strings, numbers, booleans, null, undefined and Dates, in plain objects and arrays (no deeper than mapActivityStrings walks). */
function isPlainTree(value: unknown, depth: number): boolean {
  if (value === null || value === undefined) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value instanceof Date) return true;
  if (depth > MAX_CONTENT_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainTree(item, depth + 1)) return false;
    return true;
  }
  if (!isPlainObject(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key) && !isPlainTree((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}
