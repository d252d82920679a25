import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../core/index.js';
import { sendError, type RouteInstaller } from '../../bot/http-server.js';
import { requestOrigin } from '../request-origin.js';
import type { DirectLineAdapter } from './directline-adapter.js';
import { ConversationLimitError, DirectLineConversations } from './directline-conversations.js';
import type { DirectLineTokens, TokenClaims } from './directline-tokens.js';
import { historyCopyOf, postedActivitySchema, startConversationSchema } from './posted-activity.js';

export const DIRECT_LINE_PATH = '/v3/directline';
/** A stream URL is for connecting now; a reconnect asks for a fresh one. */
const STREAM_TOKEN_TTL_SECONDS = 120;
const PING_INTERVAL_MS = 30_000;

export interface DirectLineRouteDeps {
  channelId: string;
  tokens: DirectLineTokens;
  conversations: DirectLineConversations;
  adapter: DirectLineAdapter;
  /** The bot's turn (VastaaBot.run). */
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
}

/**
 * The subset of Direct Line 3.0 that Web Chat uses: tokens (generate, refresh), start and reconnect a
 * conversation, post activities, and receive them over a WebSocket stream or by polling with a watermark.
 * Every conversation route needs a token for that very conversation: 401 without one, 403 for a token
 * that is forged, expired or for another conversation.
 */
export function directLineRoutes(deps: DirectLineRouteDeps): RouteInstaller & { dropStreams(): void; close(): void } {
  const sockets = new WebSocketServer({ noServer: true });
  let ping: NodeJS.Timeout | undefined;

  const install: RouteInstaller = (server: Server) => {
    // Anyone who opens the chat page may start a conversation: the built-in Direct Line has no secret,
    // the token only ties the conversation to the browser that started it.
    server.post(`${DIRECT_LINE_PATH}/tokens/generate`, async (_req: Request, res: Response) => {
      const conversationId = DirectLineConversations.newId();
      const userId = `dl_${DirectLineConversations.newId()}`;
      res.send(200, { conversationId, token: deps.tokens.issue('conversation', conversationId, userId), expires_in: deps.tokens.ttlSeconds });
    });

    server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
      const claims = authorise(req, res);
      if (!claims) return;
      res.send(200, { conversationId: claims.conversationId, token: deps.tokens.issue('conversation', claims.conversationId, claims.userId), expires_in: deps.tokens.ttlSeconds });
    });

    server.post(`${DIRECT_LINE_PATH}/conversations`, async (req: Request, res: Response) => {
      const claims = authorise(req, res);
      if (!claims) return;
      const body = startConversationSchema.safeParse(req.body ?? undefined);
      if (!body.success) return invalid(res, body.error.issues);
      let created: boolean;
      try {
        created = deps.conversations.open(claims.conversationId, body.data?.locale).created;
      } catch (error) {
        if (error instanceof ConversationLimitError) return sendError(res, 503, 'busy', 'too many open conversations; try again in a moment');
        throw error;
      }
      res.send(created ? 201 : 200, conversationResponse(req, claims, undefined));
      if (created) void greet(claims, body.data?.locale);
    });

    server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId`, async (req: Request, res: Response) => {
      const claims = authorise(req, res, req.params.conversationId);
      if (!claims) return;
      deps.conversations.open(claims.conversationId);
      res.send(200, conversationResponse(req, claims, watermarkOf(req)));
    });

    server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
      const claims = authorise(req, res, req.params.conversationId);
      if (!claims) return;
      res.send(200, deps.conversations.after(claims.conversationId, watermarkOf(req)));
    });

    server.post(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
      const claims = authorise(req, res, req.params.conversationId);
      if (!claims) return;
      const posted = postedActivitySchema.safeParse(req.body);
      if (!posted.success) return invalid(res, posted.error.issues);
      const { from, ...fields } = posted.data;
      const activity = {
        ...fields,
        channelId: deps.channelId,
        serviceUrl: `${requestOrigin(req, 'http')}${DIRECT_LINE_PATH}`,
        conversation: { id: claims.conversationId },
        from: { id: claims.userId, ...(from?.name ? { name: from.name } : {}), role: 'user' },
        recipient: deps.adapter.botAccount,
        locale: fields.locale ?? deps.conversations.locale(claims.conversationId),
      } as Partial<Activity>;
      // The customer's own messages go into the conversation too: Web Chat confirms a send when it
      // sees its activity come back. Typing is passed to the bot but never stored.
      const stored: Activity = activity.type === ActivityTypes.Typing ? ({ ...activity, id: '' } as Activity) : deps.conversations.append(claims.conversationId, historyCopyOf(activity));
      try {
        await deps.adapter.processActivity({ ...activity, id: stored.id, timestamp: stored.timestamp ?? new Date() } as Activity, deps.logic);
      } catch (error) {
        deps.logger.error('direct line turn failed', { conversation: claims.conversationId, error, stack: (error as Error).stack });
        return sendError(res, 502, 'bot_error', 'the bot could not process the activity');
      }
      res.send(200, { id: stored.id });
    });

    server.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const match = new RegExp(`^${DIRECT_LINE_PATH}/conversations/([^/]+)/stream$`).exec(url.pathname);
      if (!match) return;
      const check = deps.tokens.verify(url.searchParams.get('t') ?? '');
      const conversationId = decodeURIComponent(match[1]!);
      if (!check.ok || check.claims.scope !== 'stream' || check.claims.conversationId !== conversationId) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => stream(ws, conversationId, url.searchParams.get('watermark') ?? undefined));
    });

    ping = setInterval(() => {
      for (const ws of sockets.clients) {
        if ((ws as WebSocket & { alive?: boolean }).alive === false) {
          ws.terminate();
          continue;
        }
        (ws as WebSocket & { alive?: boolean }).alive = false;
        ws.ping();
      }
    }, PING_INTERVAL_MS);
    ping.unref();
  };

  function stream(ws: WebSocket, conversationId: string, watermark: string | undefined): void {
    const socket = ws as WebSocket & { alive?: boolean };
    socket.alive = true;
    ws.on('pong', () => (socket.alive = true));
    // Web Chat sends empty messages as keep-alives; nothing else is expected on the stream.
    ws.on('message', () => (socket.alive = true));
    const unsubscribe = deps.conversations.subscribe(conversationId, watermark, (set) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(set));
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  }

  /** The conversation's start or reconnect answer, with a fresh token and a stream URL from `watermark` on. */
  function conversationResponse(req: Request, claims: TokenClaims, watermark: string | undefined) {
    const streamToken = deps.tokens.issue('stream', claims.conversationId, claims.userId, STREAM_TOKEN_TTL_SECONDS);
    const query = new URLSearchParams({ ...(watermark ? { watermark } : {}), t: streamToken });
    return {
      conversationId: claims.conversationId,
      token: deps.tokens.issue('conversation', claims.conversationId, claims.userId),
      expires_in: deps.tokens.ttlSeconds,
      streamUrl: `${requestOrigin(req, 'ws')}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(claims.conversationId)}/stream?${query}`,
    };
  }

  /** The conversation update Direct Line sends when a conversation starts; the bot answers it with its welcome. */
  async function greet(claims: TokenClaims, locale: string | undefined): Promise<void> {
    const activity = {
      type: ActivityTypes.ConversationUpdate,
      id: `${claims.conversationId}|start`,
      timestamp: new Date(),
      channelId: deps.channelId,
      serviceUrl: DIRECT_LINE_PATH,
      conversation: { id: claims.conversationId },
      from: { id: claims.userId, role: 'user' },
      recipient: deps.adapter.botAccount,
      membersAdded: [{ id: claims.userId }],
      ...(locale ? { locale } : {}),
    } as Activity;
    try {
      await deps.adapter.processActivity(activity, deps.logic);
    } catch (error) {
      deps.logger.error('direct line welcome failed', { conversation: claims.conversationId, error });
    }
  }

  /** The token's claims when it may use this conversation; otherwise answers 401/403 and returns undefined. */
  function authorise(req: Request, res: Response, conversationId?: string): TokenClaims | undefined {
    const header = req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) {
      sendError(res, 401, 'token_missing', 'send the Direct Line token as "Authorization: Bearer <token>"');
      return undefined;
    }
    const check = deps.tokens.verify(token);
    if (!check.ok) {
      sendError(res, 403, check.reason === 'expired' ? 'token_expired' : 'token_invalid', check.reason === 'expired' ? 'the token has expired; get a new one' : 'the token is not valid');
      return undefined;
    }
    if (check.claims.scope !== 'conversation' || (conversationId !== undefined && check.claims.conversationId !== conversationId)) {
      sendError(res, 403, 'token_wrong_conversation', 'the token is not valid for this conversation');
      return undefined;
    }
    return check.claims;
  }

  return Object.assign(install, {
    /** Cuts every open stream (as a network failure would); clients reconnect from their watermark. */
    dropStreams() {
      for (const ws of sockets.clients) ws.terminate();
    },
    close() {
      if (ping) clearInterval(ping);
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
    },
  });
}

function watermarkOf(req: Request): string | undefined {
  const value = new URL(req.url ?? '/', 'http://localhost').searchParams.get('watermark');
  return value === null || value === '' ? undefined : value;
}

function invalid(res: Response, issues: readonly { path: PropertyKey[]; message: string }[]): void {
  const problems = issues.map((issue) => `${issue.path.map(String).join('.') || 'body'} ${issue.message}`);
  sendError(res, 400, 'invalid_activity', problems.join('; '), problems);
}
