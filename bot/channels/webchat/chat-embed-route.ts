import type { Request, Response, Server } from 'restify';
import { LANGUAGES, type Language } from '../../../core/index.js';
import { say, type ContentSource } from '../../../dialogs/index.js';
import type { RouteInstaller } from '../../http/http-server.js';
import type { WebChatAssets } from './webchat-assets.js';

/**
 * `GET /chat/embed.js`: the launcher script other sites include. Its few words (the launcher's label,
 * the default title) come from messages/bot.yaml in every language, put into the script as JSON, so
 * editors own them as they own everything else the customer reads.
 */
export function chatEmbedRoute(deps: { assets: WebChatAssets; content: ContentSource; defaultLanguage: Language }): RouteInstaller {
  return (server: Server) => {
    server.get('/chat/embed.js', async (_req: Request, res: Response) => {
      const asset = await deps.assets.get('embed.js')!;
      const { messages } = deps.content;
      const texts: Record<string, unknown> = { default: deps.defaultLanguage };
      for (const language of LANGUAGES) {
        texts[language] = {
          title: say(messages, 'chat_page_title', language),
          open: say(messages, 'chat_launcher_open', language),
          close: say(messages, 'chat_launcher_close', language),
          unreadOne: say(messages, 'chat_launcher_unread_one', language),
          unreadMany: say(messages, 'chat_launcher_unread', language),
        };
      }
      const body = asset.body.toString('utf8').replace('/*TEXTS*/ {}', JSON.stringify(texts).replaceAll('<', '\\u003c'));
      res.writeHead(200, {
        'content-type': asset.contentType,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        // Loaded by other sites' pages: a page that isolates itself (COEP) may still include it.
        'cross-origin-resource-policy': 'cross-origin',
      });
      res.end(body);
    });
  };
}
