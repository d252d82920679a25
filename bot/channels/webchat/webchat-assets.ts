import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzip);

/** A static file kept in memory with its gzip form, read once on first use. */
export interface Asset {
  body: Buffer;
  gzipped: Buffer;
  contentType: string;
}

/**
 * The chat page's files: Microsoft's Web Chat bundle straight from node_modules (nothing from a CDN;
 * the machines are offline) and our page, script and style from channels/webchat/public. The public
 * folder is found from this file's place, both in the sources and in dist/.
 */
export class WebChatAssets {
  private readonly cache = new Map<string, Promise<Asset>>();
  private readonly files: Record<string, { file: string; contentType: string }>;

  constructor() {
    const webChat = path.join(path.dirname(createRequire(import.meta.url).resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
    const publicDir = findPublicDir();
    this.files = {
      'webchat.js': { file: webChat, contentType: 'application/javascript; charset=utf-8' },
      'chat.js': { file: path.join(publicDir, 'chat.js'), contentType: 'application/javascript; charset=utf-8' },
      'chat-header.js': { file: path.join(publicDir, 'chat-header.js'), contentType: 'application/javascript; charset=utf-8' },
      'chat-unread.js': { file: path.join(publicDir, 'chat-unread.js'), contentType: 'application/javascript; charset=utf-8' },
      'chat-time.js': { file: path.join(publicDir, 'chat-time.js'), contentType: 'application/javascript; charset=utf-8' },
      'chat-rating.js': { file: path.join(publicDir, 'chat-rating.js'), contentType: 'application/javascript; charset=utf-8' },
      // For other sites: <script src="https://host/chat/embed.js"> adds the launcher and the chat panel.
      'embed.js': { file: path.join(publicDir, 'embed.js'), contentType: 'application/javascript; charset=utf-8' },
      'chat-receipts.js': { file: path.join(publicDir, 'chat-receipts.js'), contentType: 'application/javascript; charset=utf-8' },
      'chat.css': { file: path.join(publicDir, 'chat.css'), contentType: 'text/css; charset=utf-8' },
      'chat-people.js': { file: path.join(publicDir, 'chat-people.js'), contentType: 'application/javascript; charset=utf-8' },
      'chat-people.css': { file: path.join(publicDir, 'chat-people.css'), contentType: 'text/css; charset=utf-8' },
      'page.html': { file: path.join(publicDir, 'page.html'), contentType: 'text/html; charset=utf-8' },
    };
  }

  names(): string[] {
    return Object.keys(this.files);
  }

  get(name: string): Promise<Asset> | undefined {
    const spec = this.files[name];
    if (!spec) return undefined;
    let cached = this.cache.get(name);
    if (!cached) {
      cached = readFile(spec.file).then(async (body) => ({ body, gzipped: await gzipAsync(body), contentType: spec.contentType }));
      cached.catch(() => this.cache.delete(name));
      this.cache.set(name, cached);
    }
    return cached;
  }
}

function findPublicDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth++) {
    const candidate = path.join(dir, 'bot', 'channels', 'webchat', 'public');
    if (existsSync(path.join(candidate, 'page.html'))) return candidate;
    const here = path.join(dir, 'public');
    if (existsSync(path.join(here, 'page.html'))) return here;
    dir = path.dirname(dir);
  }
  throw new Error('WebChatAssets: bot/channels/webchat/public/page.html not found next to the code or in the project');
}
