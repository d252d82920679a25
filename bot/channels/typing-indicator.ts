import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';

/**
 * Shows the customer at once that the bot is answering: a typing activity before the turn runs
 * (Web Chat shows the dots, Messenger its typing bubble until the reply arrives).
 */
export class TypingIndicator implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type === ActivityTypes.Message) await context.sendActivity({ type: ActivityTypes.Typing });
    await next();
  }
}
