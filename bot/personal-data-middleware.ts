import type { Middleware, TurnContext } from 'botbuilder';
import { maskPersonalData, type PersonalDataKind } from '../handoff/index.js';

const FOUND = Symbol('vastaa.personalDataFound');

/**
 * Masks payment card numbers, IBANs and henkilötunnus in the customer's message before any other
 * middleware (the transcript logger) or the bot sees it, so they are never stored or logged.
 * Must be the first middleware.
 */
export class PersonalDataMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const text = context.activity.text;
    if (typeof text === 'string' && text.length > 0) {
      const masked = maskPersonalData(text);
      if (masked.found.length > 0) {
        context.activity.text = masked.text;
        context.turnState.set(FOUND, masked.found);
      }
    }
    await next();
  }

  /** The kinds masked out of this turn's message. */
  static found(context: TurnContext): PersonalDataKind[] {
    return (context.turnState.get(FOUND) as PersonalDataKind[] | undefined) ?? [];
  }
}
