import { mapActivityStrings } from '../activity-strings.js';
import { maskPersonalData, type PersonalDataKind } from './pii-masker.js';

export interface MaskedActivity<T> {
  activity: T;
  /** Kinds masked anywhere in the activity, each once. */
  found: PersonalDataKind[];
}

/**
 * A copy of an activity with personal data masked in every string a person or a channel wrote:
 * `text`, `value`, `channelData`, attachments (content, names, URLs), entities, suggested actions,
 * `from.name`, `recipient.name`, `conversation.name`. Ids are left alone, so the conversation's
 * keys still work. The original is not changed.
 *
 * @example
 * maskActivity({ type: 'message', text: 'hi', value: { card: '4111 1111 1111 1111' } })
 * // { activity: { type: 'message', text: 'hi', value: { card: '[CARD]' } }, found: ['card'] }
 */
export function maskActivity<T extends object>(activity: T): MaskedActivity<T> {
  const found: PersonalDataKind[] = [];
  const masked = mapActivityStrings(activity, (text) => {
    const result = maskPersonalData(text);
    for (const kind of result.found) if (!found.includes(kind)) found.push(kind);
    return result.text;
  });
  return { activity: masked, found };
}
