import { escapeHtml } from '../../http/escape-html.js';
import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { sendRefusal, type Admission } from '../directline/conversation-admission.js';
import { DirectLineConversations } from '../directline/directline-conversations.js';
import { DIRECT_LINE_PATH } from '../directline/directline-routes.js';
import type { DirectLineTokens } from '../directline/directline-tokens.js';
import type { Language, Logger } from '../../../core/index.js';
import { say, type ContentSource } from '../../../dialogs/index.js';
import type { TrustedProxies } from '../../http/client-address.js';
import { sendError, type RouteInstaller } from '../../http/http-server.js';
import { pageHeaders, type PagePolicy } from '../../http/page-headers.js';
import { chatLanguage, WEB_CHAT_LOCALES } from './chat-locale.js';
import { chatEmbedRoute } from './chat-embed-route.js';
import { agentStatus, chatPageLook, chatPageTexts } from './chat-page-texts.js';
import { isSecure } from './chat-session-routes.js';
import { ChatSessions } from './chat-sessions.js';
import type { WebChatAssets } from './webchat-assets.js';
import { WebChatIdentity } from './webchat-identity.js';

export type DirectLineSource = { kind: 'builtin'; tokens: DirectLineTokens } | { kind: 'azure'; endpoint: string; secret: string };

export interface WebChatRouteDeps {
  assets: WebChatAssets;
  directLine: DirectLineSource;
  content: ContentSource;
  defaultLanguage: Language;
  botName: string;
  logger: Logger;
  /** Whether this client may get another chat token now (per-address limit, conversation cap); refused: 429 or 503. */
  admitTokenRequest?: (req: Request) => Admission | Promise<Admission>;
  /** Whose X-Forwarded-Host/-Proto count for the Direct Line URL handed to the page (TRUSTED_PROXIES). */
  proxies: TrustedProxies;
  /** CSP frame-ancestors of /chat: who may embed the chat in an iframe (CHAT_FRAME_ANCESTORS). */
  frameAncestors: readonly string[];
  /** fetch for Azure's token exchange; tests stub the network with nock instead. */
  fetch?: typeof fetch;
  /** The visitor's identity cookie: one customer across visits and tabs. */
  identity: WebChatIdentity;
  /** Resume, end and rating comments (built-in Direct Line only: Azure holds its conversations itself). */
  sessions?: ChatSessions;
  /** The clock of the header's open/closed status. */
  now: () => Date;
}

/**
 * The customer's chat page: `/chat` (and `/` redirecting to it) renders Microsoft's Web Chat, which
 * gets a token from `POST /chat/token` and talks Direct Line, to this server or to Azure.
 */
export function webChatRoutes(deps: WebChatRouteDeps): RouteInstaller {
  return (server: Server) => {
    server.get('/', async (req: Request, res: Response) => {
      const query = new URL(req.url ?? '/', 'http://localhost').search;
      res.redirect(302, `/chat${query}`, () => undefined);
    });

    server.get('/chat', async (req: Request, res: Response) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const language = chatLanguage(url.searchParams.get('locale') ?? undefined, req.header('accept-language'), deps.defaultLanguage);
      const messages = deps.content.current().content.messages;
      const page = await deps.assets.get('page.html')!;
      // Web Chat adds its styles as <style> elements at run time; they carry this nonce, so the
      // policy needs no 'unsafe-inline' and markup injected into the page cannot restyle it.
      const styleNonce = randomBytes(16).toString('base64');
      const config = {
        tokenUrl: '/chat/token',
        // Built-in: the cookie resumes the visitor's conversation; with Azure the page keeps it per tab.
        identity: deps.sessions !== undefined,
        ...chatPageLook(url.searchParams, say(messages, 'chat_page_title', language)),
        status: agentStatus(deps.content.current().content, language, deps.now()),
        texts: chatPageTexts(deps.content.current().content, language),
        locale: WEB_CHAT_LOCALES[language],
        botName: deps.botName,
        transport: url.searchParams.get('transport') === 'polling' ? 'polling' : 'websocket',
        unavailable: say(messages, 'chat_unavailable', language),
        // What screen readers hear before each message; the page puts in the bot's or the agent's {name}.
        people: { botSaid: say(messages, 'chat_bot_said', language), agentSaid: say(messages, 'chat_agent_said', language) },
        styleNonce,
      };
      const html = page.body
        .toString('utf8')
        .replaceAll('{{lang}}', language)
        .replaceAll('{{title}}', escapeHtml(say(messages, 'chat_page_title', language)))
        // JSON inside <script>: "<" escaped so no text can close the element.
        .replace('{{config}}', JSON.stringify(config).replaceAll('<', '\\u003c'));
      res.writeHead(200, pageHeaders('text/html; charset=utf-8', chatPagePolicy(req, deps, styleNonce)));
      res.end(html);
    });

    chatEmbedRoute(deps)(server);
    for (const name of deps.assets.names().filter((name) => name !== 'page.html' && name !== 'embed.js')) {
      server.get(`/chat/${name}`, async (req: Request, res: Response) => {
        const asset = await deps.assets.get(name)!;
        const gzip = /\bgzip\b/.test(String(req.header('accept-encoding') ?? ''));
        res.writeHead(200, {
          'content-type': asset.contentType,
          'cache-control': name === 'webchat.js' ? 'public, max-age=86400' : 'no-cache',
          'x-content-type-options': 'nosniff',
          vary: 'accept-encoding',
          ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        });
        res.end(gzip ? asset.gzipped : asset.body);
      });
    }

    server.post('/chat/token', async (req: Request, res: Response) => {
      const known = deps.identity.fromCookieHeader(req.header('cookie'));
      if (deps.directLine.kind === 'builtin' && deps.sessions) {
        // Resuming a conversation is not a new chat: only a new one counts against the limits.
        const start = await deps.sessions.start(known);
        if (!start.resumed) {
          const allowed = (await deps.admitTokenRequest?.(req)) ?? { ok: true };
          if (!allowed.ok) return sendRefusal(res, allowed);
        }
        const { conversationId } = start.identity;
        const token = deps.directLine.tokens.issue('conversation', conversationId, start.userId);
        res.header('Set-Cookie', deps.identity.setCookie(start.identity, isSecure(req, deps.proxies)));
        res.send(200, {
          token,
          conversationId,
          expires_in: deps.directLine.tokens.ttlSeconds,
          domain: `${deps.proxies.origin(req)}${DIRECT_LINE_PATH}`,
          resumed: start.resumed,
        });
        return;
      }
      const allowed = (await deps.admitTokenRequest?.(req)) ?? { ok: true };
      if (!allowed.ok) return sendRefusal(res, allowed);
      if (deps.directLine.kind === 'builtin') {
        const conversationId = DirectLineConversations.newId();
        const token = deps.directLine.tokens.issue('conversation', conversationId, `dl_${DirectLineConversations.newId()}`);
        res.send(200, { token, conversationId, expires_in: deps.directLine.tokens.ttlSeconds, domain: `${deps.proxies.origin(req)}${DIRECT_LINE_PATH}` });
        return;
      }
      // Azure keeps its own conversations; the cookie still makes the visitor one customer across chats.
      const visitor = known ?? { customerId: WebChatIdentity.newCustomerId() };
      res.header('Set-Cookie', deps.identity.setCookie({ customerId: visitor.customerId }, isSecure(req, deps.proxies)));
      const { endpoint, secret } = deps.directLine;
      try {
        const response = await (deps.fetch ?? fetch)(`${endpoint}/tokens/generate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: JSON.stringify({ user: { id: ChatSessions.userIdOf(visitor) } }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok) throw new Error(`Azure Direct Line answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        const body = (await response.json()) as { token: string; conversationId: string; expires_in: number };
        res.send(200, { token: body.token, conversationId: body.conversationId, expires_in: body.expires_in, domain: endpoint });
      } catch (error) {
        deps.logger.error('could not get a Direct Line token from Azure', { error });
        sendError(res, 502, 'direct_line_unavailable', 'Azure Direct Line did not give a token; see the server log');
      }
    });
  };
}

/**
 * The chat page may talk only to its own Direct Line (its own origin, over HTTP and WebSocket) or to
 * Azure's; before, `connect-src ws: wss:` let a script on the page open a WebSocket to any host.
 */
function chatPagePolicy(req: Request, deps: WebChatRouteDeps, styleNonce: string): PagePolicy {
  const { directLine } = deps;
  const connectSrc =
    directLine.kind === 'azure'
      ? [`'self'`, new URL(directLine.endpoint).origin, `wss://${new URL(directLine.endpoint).host}`]
      : [`'self'`, deps.proxies.origin(req, 'ws')];
  return { connectSrc, frameAncestors: deps.frameAncestors, styleNonce, imgSrc: ['data:', 'blob:'], mediaSrc: ['data:', 'blob:'], fontSrc: ['data:'] };
}
