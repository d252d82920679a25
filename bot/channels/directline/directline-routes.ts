import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { idProblem, type Logger } from '../../../core/index.js';
import { sendError, type RouteInstaller } from '../../http/http-server.js';
import { UpgradeRoutes } from '../../http/upgrade-routes.js';
import { sendRefusal, type ConversationAdmission } from './conversation-admission.js';
import { conversationClaims } from './conversation-claims.js';
import type { TrustedProxies } from '../../http/client-address.js';
import type { DirectLineAdapter } from './directline-adapter.js';
import { DirectLineConversations } from './directline-conversations.js';
import type { DirectLineLog } from './directline-log.js';
import { DirectLineStreamServer } from './directline-stream-server.js';
import type { DirectLineTokens, TokenClaims } from './directline-tokens.js';
import { SpentTokens, type SpentTokenLedger } from './spent-tokens.js';
import { historyCopyOf, postedActivitySchema, startConversationSchema } from './posted-activity.js';

export const DIRECT_LINE_PATH = '/v3/directline';
/** A stream URL is for connecting now; a reconnect asks for a fresh one. */
const STREAM_TOKEN_TTL_SECONDS = 120;
/** Used stream tokens remembered at once; far more than streams opened in STREAM_TOKEN_TTL_SECONDS. */
const SPENT_STREAM_TOKENS = 100_000;

export interface DirectLineRouteDeps {
  channelId: string;
  tokens: DirectLineTokens;
  conversations: DirectLineLog;
  /** Rate limits and the cap: who may get a token or start a conversation. */
  admission: ConversationAdmission;
  adapter: DirectLineAdapter;
  /** The bot's turn (VastaaBot.run). */
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** The clock for used stream tokens (tests move it). */
  now?: () => number;
  /** Used stream tokens, when shared by the instances (PostgreSQL); this process's memory unless given. */
  spentTokens?: SpentTokenLedger;
  /** Whose X-Forwarded-Host/-Proto count for the serviceUrl and stream URL (TRUSTED_PROXIES). */
  proxies: TrustedProxies;
}

/**
 * The subset of Direct Line 3.0 that Web Chat uses: tokens (generate, refresh), start and reconnect a
 * conversation, post activities, and receive them over a WebSocket stream or by polling with a watermark.
 * Every conversation route needs a token for that very conversation: 401 without one, 403 for a token
 * that is forged, expired or for another conversation.
 */
export function directLineRoutes(deps: DirectLineRouteDeps): RouteInstaller & { close(): void } {
  const streams = new DirectLineStreamServer({
    basePath: DIRECT_LINE_PATH,
    tokens: deps.tokens,
    conversations: deps.conversations,
    admission: deps.admission,
    spentTokens: deps.spentTokens ?? new SpentTokens(SPENT_STREAM_TOKENS, deps.now),
    logger: deps.logger,
  });

  const install: RouteInstaller = (server: Server) => {
    // Anyone who opens the chat page may start a conversation: the built-in Direct Line has no secret,
    // the token only ties the conversation to the browser that started it.
    server.post(`${DIRECT_LINE_PATH}/tokens/generate`, async (req: Request, res: Response) => {
      const allowed = await deps.admission.issueToken(req);
      if (!allowed.ok) return sendRefusal(res, allowed);
      const conversationId = DirectLineConversations.newId();
      const userId = `dl_${DirectLineConversations.newId()}`;
      res.send(200, { conversationId, token: deps.tokens.issue('conversation', conversationId, userId), expires_in: deps.tokens.ttlSeconds });
    });

    server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
      const claims = authorise(req, res);
      if (!claims) return;
      res.send(200, {
        conversationId: claims.conversationId,
        token: deps.tokens.issue('conversation', claims.conversationId, claims.userId),
        expires_in: deps.tokens.ttlSeconds,
      });
    });

    server.post(`${DIRECT_LINE_PATH}/conversations`, async (req: Request, res: Response) => {
      const claims = authorise(req, res);
      if (!claims) return;
      const body = startConversationSchema.safeParse(req.body ?? undefined);
      if (!body.success) return invalid(res, body.error.issues);
      const admitted = await deps.admission.admit(req, claims.conversationId, body.data?.locale);
      if (!admitted.ok) return sendRefusal(res, admitted);
      res.send(admitted.created ? 201 : 200, conversationResponse(req, claims, undefined));
      if (admitted.created) void greet(claims, body.data?.locale);
    });

    server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId`, async (req: Request, res: Response) => {
      const claims = authorise(req, res, req.params.conversationId);
      if (!claims) return;
      const admitted = await deps.admission.admit(req, claims.conversationId);
      if (!admitted.ok) return sendRefusal(res, admitted);
      res.send(200, conversationResponse(req, claims, watermarkOf(req)));
    });

    server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
      const claims = authorise(req, res, req.params.conversationId);
      if (!claims) return;
      res.send(200, await deps.conversations.poll(claims.conversationId, watermarkOf(req)));
    });

    server.post(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
      const claims = authorise(req, res, req.params.conversationId);
      if (!claims) return;
      const posted = postedActivitySchema.safeParse(req.body);
      if (!posted.success) return invalid(res, posted.error.issues);
      const admitted = await deps.admission.admit(req, claims.conversationId);
      if (!admitted.ok) return sendRefusal(res, admitted);
      // Typing comes before the first message; only a message makes the conversation count against the cap.
      const engaged = posted.data.type === ActivityTypes.Message ? await deps.admission.engage(claims.conversationId) : admitted;
      if (!engaged.ok) return sendRefusal(res, engaged);
      const { from, ...fields } = posted.data;
      const activity = {
        ...fields,
        channelId: deps.channelId,
        serviceUrl: `${deps.proxies.origin(req, 'http')}${DIRECT_LINE_PATH}`,
        conversation: { id: claims.conversationId },
        from: { id: claims.userId, ...(from?.name ? { name: from.name } : {}), role: 'user' },
        recipient: deps.adapter.botAccount,
        locale: fields.locale ?? (await deps.conversations.locale(claims.conversationId)),
      } as Partial<Activity>;
      // The customer's own messages go into the conversation too: Web Chat confirms a send when it
      // sees its activity come back. Typing and read receipts are passed to the bot but never stored.
      const stored: Activity =
        activity.type === ActivityTypes.Typing || activity.type === ActivityTypes.Event
          ? ({ ...activity, id: '' } as Activity)
          : await deps.conversations.append(claims.conversationId, historyCopyOf(activity));
      try {
        await deps.adapter.processActivity({ ...activity, id: stored.id, timestamp: stored.timestamp ?? new Date() } as Activity, deps.logic);
      } catch (error) {
        deps.logger.error('direct line turn failed', { conversation: claims.conversationId, error, stack: (error as Error).stack });
        return sendError(res, 502, 'bot_error', 'the bot could not process the activity');
      }
      res.send(200, { id: stored.id });
    });

    UpgradeRoutes.of(server.server).add(streams);
  };

  /** The conversation's start or reconnect answer, with a fresh token and a stream URL from `watermark` on. */
  function conversationResponse(req: Request, claims: TokenClaims, watermark: string | undefined) {
    const streamToken = deps.tokens.issue('stream', claims.conversationId, claims.userId, STREAM_TOKEN_TTL_SECONDS);
    const query = new URLSearchParams({ ...(watermark ? { watermark } : {}), t: streamToken });
    return {
      conversationId: claims.conversationId,
      token: deps.tokens.issue('conversation', claims.conversationId, claims.userId),
      expires_in: deps.tokens.ttlSeconds,
      streamUrl: `${deps.proxies.origin(req, 'ws')}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(claims.conversationId)}/stream?${query}`,
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

  function authorise(req: Request, res: Response, conversationId?: string): TokenClaims | undefined {
    // Ids in the URL are the only ones a client chooses here (the server makes the rest and signs them).
    const urlProblem = conversationId === undefined ? undefined : idProblem(conversationId);
    if (urlProblem) {
      sendError(res, 400, 'invalid_request', `conversationId ${urlProblem}`, [{ field: 'conversationId', message: urlProblem }]);
      return undefined;
    }
    return conversationClaims(deps.tokens, req, res, conversationId);
  }

  return Object.assign(install, { close: () => streams.close() });
}

function watermarkOf(req: Request): string | undefined {
  const value = new URL(req.url ?? '/', 'http://localhost').searchParams.get('watermark');
  return value === null || value === '' ? undefined : value;
}

function invalid(res: Response, issues: readonly { path: PropertyKey[]; message: string }[]): void {
  const problems = issues.map((issue) => `${issue.path.map(String).join('.') || 'body'} ${issue.message}`);
  sendError(res, 400, 'invalid_activity', problems.join('; '), problems);
}
