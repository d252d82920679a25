import { ActivityTypes, type Activity, type CardAction } from 'botbuilder';
import type { ChannelProfile } from './channel-profile.js';
import { plainText } from './plain-text.js';
import { shortenLists } from './shorten-lists.js';
import { splitText } from './split-text.js';

/**
 * One outgoing activity as the channel should receive it; may become several messages when the text
 * is longer than the channel allows. Suggestions stay on the last piece, under the text they belong to.
 * Activities other than messages pass unchanged.
 */
export function shapeReply(activity: Partial<Activity>, profile: ChannelProfile): Partial<Activity>[] {
  if ((activity.type ?? ActivityTypes.Message) !== ActivityTypes.Message) return [activity];
  const shaped: Partial<Activity> = { ...activity };
  if (typeof shaped.text === 'string') {
    let text = shaped.text;
    if (profile.maxListItems !== undefined) text = shortenLists(text, profile.maxListItems);
    if (!profile.markdown && shaped.textFormat !== 'xml') {
      text = plainText(text);
      shaped.textFormat = 'plain';
    }
    shaped.text = text;
  }
  if (shaped.suggestedActions) {
    shaped.suggestedActions = { ...shaped.suggestedActions, actions: limitActions(shaped.suggestedActions.actions, profile) };
  }
  if (profile.maxTextLength === undefined || (shaped.text ?? '').length <= profile.maxTextLength) return [shaped];

  const pieces = splitText(shaped.text ?? '', profile.maxTextLength);
  return pieces.map((text, index) => {
    const last = index === pieces.length - 1;
    const piece: Partial<Activity> = { ...shaped, text };
    if (!last) {
      delete piece.suggestedActions;
      delete piece.attachments;
      delete piece.speak;
    }
    return piece;
  });
}

function limitActions(actions: CardAction[], profile: ChannelProfile): CardAction[] {
  const kept = profile.maxSuggestions === undefined ? actions : actions.slice(0, profile.maxSuggestions);
  const max = profile.maxSuggestionTitle;
  if (max === undefined) return kept;
  return kept.map((action) => (action.title && action.title.length > max ? { ...action, title: `${action.title.slice(0, max - 1).trimEnd()}…` } : action));
}
