import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../../../core/index.js';
import { sameOriginGuard } from '../../agent-console/same-origin-guard.js';
import type { TrustedProxies } from '../../http/client-address.js';
import { sendError, type RouteInstaller } from '../../http/http-server.js';
import { MAX_RATING_COMMENT, type ChatSessions } from './chat-sessions.js';
import type { WebChatIdentity } from './webchat-identity.js';

export interface ChatSessionRouteDeps {
  sessions: ChatSessions;
  identity: WebChatIdentity;
  proxies: TrustedProxies;
  logger: Logger;
}

const ratingCommentSchema = z.object({
  comment: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(MAX_RATING_COMMENT, { error: `must be at most ${MAX_RATING_COMMENT} characters` }),
});

/**
 * The chat page's own actions, authorised by the visitor's identity cookie (never by a Direct Line
 * token, which a page could have kept): `POST /chat/end` ends the visitor's conversation, and
 * `POST /chat/rating` adds a comment to the rating they gave. Both only from the chat page's own
 * origin with a JSON body, so another site cannot end a visitor's chat with a form.
 */
export function chatSessionRoutes(deps: ChatSessionRouteDeps): RouteInstaller {
  return (server: Server) => {
    const sameOrigin = sameOriginGuard(deps.proxies);

    server.post('/chat/end', sameOrigin, async (req: Request, res: Response) => {
      const identity = deps.identity.fromCookieHeader(req.header('cookie'));
      if (!identity) return sendError(res, 401, 'no_identity', 'the chat identity cookie is missing or not valid; open the chat again');
      try {
        const { abandoned } = await deps.sessions.end(identity);
        // The next page (any tab) starts a new conversation; the customer stays the same customer.
        res.header('Set-Cookie', deps.identity.setCookie({ customerId: identity.customerId }, isSecure(req, deps.proxies)));
        res.send(200, { ended: true, ...(abandoned ? { abandonedCase: abandoned.id } : {}) });
      } catch (error) {
        deps.logger.error('could not end a web chat conversation', { error, stack: (error as Error).stack });
        sendError(res, 500, 'end_failed', 'the conversation could not be ended; try again');
      }
    });

    server.post('/chat/rating', sameOrigin, async (req: Request, res: Response) => {
      const identity = deps.identity.fromCookieHeader(req.header('cookie'));
      if (!identity) return sendError(res, 401, 'no_identity', 'the chat identity cookie is missing or not valid; open the chat again');
      const body = ratingCommentSchema.safeParse(req.body);
      if (!body.success) {
        const problems = body.error.issues.map((issue) => `${issue.path.map(String).join('.') || 'body'} ${issue.message}`);
        return sendError(res, 400, 'invalid_request', problems.join('; '), problems);
      }
      if (!(await deps.sessions.comment(identity, body.data.comment))) return sendError(res, 409, 'not_rated', 'this conversation has no rating to comment on');
      res.send(200, { stored: true });
    });
  };
}

/** Whether the browser reached us over https (directly or through a proxy in TRUSTED_PROXIES). */
export function isSecure(req: Request, proxies: TrustedProxies): boolean {
  return proxies.origin(req).startsWith('https:');
}
