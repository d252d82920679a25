import type { Request, Response } from 'restify';
import { sendError } from '../../http/http-server.js';
import type { DirectLineTokens, TokenClaims } from './directline-tokens.js';

/**
 * The claims of the request's conversation token when it may use `conversationId` (any conversation
 * when omitted); otherwise answers 401 (no token) or 403 (forged, expired, a stream token, or another
 * conversation's) and returns undefined.
 */
export function conversationClaims(tokens: DirectLineTokens, req: Request, res: Response, conversationId?: string): TokenClaims | undefined {
  const header = req.header('authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) {
    sendError(res, 401, 'token_missing', 'send the Direct Line token as "Authorization: Bearer <token>"');
    return undefined;
  }
  const check = tokens.verify(token);
  if (!check.ok) {
    sendError(
      res,
      403,
      check.reason === 'expired' ? 'token_expired' : 'token_invalid',
      check.reason === 'expired' ? 'the token has expired; get a new one' : 'the token is not valid',
    );
    return undefined;
  }
  if (check.claims.scope !== 'conversation' || (conversationId !== undefined && check.claims.conversationId !== conversationId)) {
    sendError(res, 403, 'token_wrong_conversation', 'the token is not valid for this conversation');
    return undefined;
  }
  return check.claims;
}
