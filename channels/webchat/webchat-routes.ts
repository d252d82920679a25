import type { Request, Response, Server } from 'restify';
import { sendRefusal, type Admission } from '../directline/conversation-admission.js';
import { DirectLineConversations } from '../directline/directline-conversations.js';
import { DIRECT_LINE_PATH } from '../directline/directline-routes.js';
import type { DirectLineTokens } from '../directline/directline-tokens.js';
import type { Language, Logger } from '../../core/index.js';
import { say, type ContentSource } from '../../dialogs/index.js';
import { sendError, type RouteInstaller } from '../../bot/http-server.js';
import { requestOrigin } from '../request-origin.js';
import { chatLanguage, WEB_CHAT_LOCALES } from './chat-locale.js';
import type { WebChatAssets } from './webchat-assets.js';

export type DirectLineSource =
  | { kind: 'builtin'; tokens: DirectLineTokens }
  | { kind: 'azure'; endpoint: string; secret: string };

export interface WebChatRouteDeps {
  assets: WebChatAssets;
  directLine: DirectLineSource;
  content: ContentSource;
  defaultLanguage: Language;
  botName: string;
  logger: Logger;
  /** Whether this client may get another chat token now (per-address limit, conversation cap); refused: 429 or 503. */
  admitTokenRequest?: (req: Request) => Admission;
  /** fetch for Azure's token exchange; tests stub the network with nock instead. */
  fetch?: typeof fetch;
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
      const config = {
        tokenUrl: '/chat/token',
        locale: WEB_CHAT_LOCALES[language],
        botName: deps.botName,
        transport: url.searchParams.get('transport') === 'polling' ? 'polling' : 'websocket',
        unavailable: say(messages, 'chat_unavailable', language),
      };
      const html = page.body
        .toString('utf8')
        .replaceAll('{{lang}}', language)
        .replaceAll('{{title}}', escapeHtml(say(messages, 'chat_page_title', language)))
        // JSON inside <script>: "<" escaped so no text can close the element.
        .replace('{{config}}', JSON.stringify(config).replaceAll('<', '\\u003c'));
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': contentSecurityPolicy(deps.directLine),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      res.end(html);
    });

    for (const name of deps.assets.names().filter((name) => name !== 'page.html')) {
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
      const allowed = deps.admitTokenRequest?.(req) ?? { ok: true };
      if (!allowed.ok) return sendRefusal(res, allowed);
      if (deps.directLine.kind === 'builtin') {
        const conversationId = DirectLineConversations.newId();
        const token = deps.directLine.tokens.issue('conversation', conversationId, `dl_${DirectLineConversations.newId()}`);
        res.send(200, { token, conversationId, expires_in: deps.directLine.tokens.ttlSeconds, domain: `${requestOrigin(req)}${DIRECT_LINE_PATH}` });
        return;
      }
      const { endpoint, secret } = deps.directLine;
      try {
        const response = await (deps.fetch ?? fetch)(`${endpoint}/tokens/generate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: JSON.stringify({ user: { id: `dl_${DirectLineConversations.newId()}` } }),
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

function contentSecurityPolicy(directLine: DirectLineSource): string {
  const connect = directLine.kind === 'azure' ? `'self' ${new URL(directLine.endpoint).origin} wss://${new URL(directLine.endpoint).host}` : `'self' ws: wss:`;
  // Web Chat sets element styles at run time, hence 'unsafe-inline' for styles only; scripts are our own files.
  return [`default-src 'self'`, `script-src 'self'`, `style-src 'self' 'unsafe-inline'`, `img-src 'self' data: blob:`, `media-src 'self' data: blob:`, `font-src 'self' data:`, `connect-src ${connect}`].join('; ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
