import type { Middleware, TurnContext } from 'botbuilder';
import { maskActivity, type PersonalDataKind } from '../../core/index.js';

const FOUND = Symbol('vastaa.personalDataFound');

/**
 * Masks payment card numbers, IBANs and henkilötunnus in every string of the customer's activity
 * (text, value, channelData, attachments, entities, from.name, …) before any other middleware (the
 * transcript logger) or the bot sees it, so they are never stored, logged, put in a case or shown to
 * an agent. Masking only `text` let a card in a button value or a Messenger payload reach the disk.
 * Must be the first middleware.
 */
export class PersonalDataMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity: masked, found } = maskActivity(context.activity);
    // TurnContext.activity cannot be replaced, only changed: copy the masked fields onto it.
    Object.assign(context.activity, masked);
    if (found.length > 0) context.turnState.set(FOUND, found);
    await next();
  }

  /** The kinds masked out of this turn's activity. */
  static found(context: TurnContext): PersonalDataKind[] {
    return (context.turnState.get(FOUND) as PersonalDataKind[] | undefined) ?? [];
  }
}
