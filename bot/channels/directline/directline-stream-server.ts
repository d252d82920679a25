import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../../core/index.js';
import { answerAndClose } from '../../http/raw-answer.js';
import type { UpgradeRoute } from '../../http/upgrade-routes.js';
import type { DirectLineLog } from './directline-log.js';
import type { DirectLineTokens } from './directline-tokens.js';
import type { ConversationAdmission } from './conversation-admission.js';
import type { SpentTokenLedger } from './spent-tokens.js';

const PING_INTERVAL_MS = 30_000;
/** Close code sent when a conversation is dropped under its stream; Web Chat reconnects on any close. */
const GOING_AWAY = 1001;
/**
 * Streams one conversation may hold at once; a newer one closes the oldest. Reconnecting hands out
 * fresh stream URLs without limit, so without this one token could hold any number of sockets.
 * Web Chat uses one; a duplicated browser tab shares the conversation, hence a little room.
 */
export const MAX_STREAMS_PER_CONVERSATION = 3;
const REPLACED = 1008;

export interface DirectLineStreamDeps {
  /** The Direct Line base path (`/v3/directline`). */
  basePath: string;
  tokens: DirectLineTokens;
  conversations: DirectLineLog;
  admission: ConversationAdmission;
  /** Stream tokens already used: each opens its stream once (L4). */
  spentTokens: SpentTokenLedger;
  logger: Logger;
}

type LiveSocket = WebSocket & { alive?: boolean };

/**
 * The WebSocket side of the built-in Direct Line: `GET {basePath}/conversations/{id}/stream?t=<stream token>`.
 * The token is checked before anything else is read from the request; a refused upgrade is answered
 * and closed (an upgrade socket nobody answers stays open for ever). Dead streams are found by ping.
 */
export class DirectLineStreamServer implements UpgradeRoute {
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly ping: NodeJS.Timeout;
  private readonly prefix: string;
  /** Open streams of each conversation, oldest first. */
  private readonly open = new Map<string, WebSocket[]>();

  constructor(private readonly deps: DirectLineStreamDeps) {
    this.prefix = `${deps.basePath}/conversations/`;
    this.ping = setInterval(() => this.pingAll(), PING_INTERVAL_MS);
    this.ping.unref();
  }

  claims(pathname: string): boolean {
    return pathname.startsWith(this.prefix) && pathname.endsWith('/stream');
  }

  handle(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    const check = this.deps.tokens.verify(url.searchParams.get('t') ?? '');
    if (!check.ok || check.claims.scope !== 'stream') {
      const expired = !check.ok && check.reason === 'expired';
      return answerAndClose(
        socket,
        403,
        expired ? 'token_expired' : 'token_invalid',
        expired ? 'the stream URL has expired; reconnect to get a new one' : 'the stream URL needs a valid stream token (t=)',
      );
    }
    const claims = check.claims;
    // The token names its conversation; the path must name the same one, encoded as the server wrote it.
    if (url.pathname !== `${this.prefix}${encodeURIComponent(claims.conversationId)}/stream`) {
      return answerAndClose(socket, 403, 'token_wrong_conversation', 'the stream token is not valid for this conversation');
    }
    const watermark = url.searchParams.get('watermark') ?? undefined;
    void this.admitAndUpgrade(request, socket, head, claims.id ?? url.searchParams.get('t')!, claims.expires * 1000, claims.conversationId, watermark);
  }

  private async admitAndUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    tokenId: string,
    tokenExpiresAtMs: number,
    conversationId: string,
    watermark: string | undefined,
  ): Promise<void> {
    let admitted;
    try {
      // Spent before anything else happens with it: the same URL on another instance a moment later is refused.
      if (!(await this.deps.spentTokens.spend(tokenId, tokenExpiresAtMs))) {
        return answerAndClose(socket, 403, 'token_used', 'this stream URL has been used; reconnect to get a new one');
      }
      admitted = await this.deps.admission.admit(request, conversationId);
    } catch (error) {
      this.deps.logger.error('could not admit a direct line stream', { conversation: conversationId, error });
      return answerAndClose(socket, 503, 'unavailable', 'the conversation cannot be opened now; try again in a moment');
    }
    if (!admitted.ok) return answerAndClose(socket, admitted.status, admitted.code, admitted.message, { 'Retry-After': String(admitted.retryAfterSeconds) });
    this.sockets.handleUpgrade(request, socket, head, (ws) => {
      this.stream(ws, conversationId, watermark).catch((error: unknown) => {
        this.deps.logger.error('could not open a direct line stream', { conversation: conversationId, error, stack: (error as Error).stack });
        ws.terminate();
      });
    });
  }

  /** Cuts every open stream (clients would reconnect from their watermark) and stops listening for new ones. */
  close(): void {
    clearInterval(this.ping);
    for (const ws of this.sockets.clients) ws.terminate();
    this.sockets.close();
  }

  private async stream(ws: WebSocket, conversationId: string, watermark: string | undefined): Promise<void> {
    const socket = ws as LiveSocket;
    socket.alive = true;
    ws.on('pong', () => (socket.alive = true));
    // Web Chat sends empty messages as keep-alives; nothing else is expected on the stream.
    ws.on('message', () => (socket.alive = true));
    const unsubscribe = await this.deps.conversations.subscribe(
      conversationId,
      watermark,
      (set) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(set));
      },
      () => ws.close(GOING_AWAY, 'conversation ended'),
    );
    // The socket may have closed while the subscription was being made.
    if (ws.readyState !== ws.OPEN) return unsubscribe();
    const siblings = this.open.get(conversationId) ?? [];
    siblings.push(ws);
    this.open.set(conversationId, siblings);
    while (siblings.length > MAX_STREAMS_PER_CONVERSATION) siblings.shift()!.close(REPLACED, 'a newer stream of this conversation replaced this one');
    ws.on('close', () => {
      unsubscribe();
      const index = siblings.indexOf(ws);
      if (index >= 0) siblings.splice(index, 1);
      if (siblings.length === 0 && this.open.get(conversationId) === siblings) this.open.delete(conversationId);
    });
    ws.on('error', (error) => {
      this.deps.logger.debug('direct line stream failed', { conversation: conversationId, error });
      unsubscribe();
    });
  }

  private pingAll(): void {
    for (const ws of this.sockets.clients as Set<LiveSocket>) {
      if (ws.alive === false) {
        ws.terminate();
        continue;
      }
      ws.alive = false;
      ws.ping();
    }
  }
}
