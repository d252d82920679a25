import type { TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { RecentIds, type Logger } from '../../../core/index.js';
import { sendError, type RouteInstaller } from '../../http/http-server.js';
import type { RequestWithBody } from '../../http/json-body.js';
import type { MessengerAdapter } from './messenger-adapter.js';
import { withoutRepeatedEvents } from './repeated-events.js';
import { verifySignature } from './verify-signature.js';
import { webhookBodySchema } from './webhook-event.js';

export const MESSENGER_WEBHOOK_PATH = '/api/messenger';
/** Event ids remembered to drop redeliveries: Meta retries for hours; 10,000 ids bound the memory. */
const RECENT_EVENTS = { ttlMs: 6 * 60 * 60 * 1000, maxEntries: 10_000 };

export interface MessengerRouteDeps {
  adapter: MessengerAdapter;
  appSecret: string;
  verifyToken: string;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
}

/**
 * Meta's webhook: `GET` answers the subscription handshake when `hub.verify_token` matches; `POST`
 * accepts events only with a valid `X-Hub-Signature-256` (403 and nothing processed otherwise),
 * answers 200 at once as Meta asks, then runs the events as turns, each event once (a redelivered or
 * replayed event, same `mid`, is dropped).
 */
export function messengerRoutes(deps: MessengerRouteDeps): RouteInstaller {
  const recentEvents = new RecentIds(RECENT_EVENTS);
  return (server: Server) => {
    server.get(MESSENGER_WEBHOOK_PATH, async (req: Request, res: Response) => {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      if (query.get('hub.mode') !== 'subscribe' || query.get('hub.verify_token') !== deps.verifyToken) {
        deps.logger.warn('messenger webhook verification refused', { mode: query.get('hub.mode') });
        return sendError(res, 403, 'verification_failed', 'hub.mode must be subscribe and hub.verify_token must match MESSENGER_VERIFY_TOKEN');
      }
      // The challenge is text from the caller: nosniff keeps a browser from running it as HTML or script.
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end(query.get('hub.challenge') ?? '');
    });

    server.post(MESSENGER_WEBHOOK_PATH, async (req: Request, res: Response) => {
      // The exact bytes Meta signed, kept by the body reader (bot/json-body.ts).
      const raw = (req as RequestWithBody).rawBody;
      if (raw === undefined || !verifySignature(raw, req.header('x-hub-signature-256'), deps.appSecret)) {
        deps.logger.warn('messenger webhook call with a missing or wrong signature refused', { ip: req.socket?.remoteAddress });
        return sendError(res, 403, 'bad_signature', 'X-Hub-Signature-256 is missing or does not match the app secret');
      }
      const body = webhookBodySchema.safeParse(req.body);
      if (!body.success || body.data.object !== 'page') {
        const problems = body.success ? ['object must be "page"'] : body.error.issues.map((issue) => `${issue.path.join('.') || 'body'} ${issue.message}`);
        return sendError(res, 400, 'invalid_webhook', problems.join('; '), problems);
      }
      res.send(200, { status: 'EVENT_RECEIVED' });
      void deps.adapter.processWebhook(withoutRepeatedEvents(body.data, recentEvents), deps.logic);
    });
  };
}
