import type { IncomingMessage } from 'node:http';
import type { Response } from 'restify';
import { sendError } from '../../http/http-server.js';
import type { RateCheck, RateLimit } from './address-rate-limit.js';
import { BUSY_RETRY_AFTER_SECONDS, ConversationsBusyError } from './directline-conversations.js';
import type { DirectLineLog } from './directline-log.js';

/** Why a request may not start or continue a conversation now, as the client is told (429 or 503, with Retry-After). */
export interface Refusal {
  ok: false;
  status: 429 | 503;
  code: 'rate_limited' | 'busy';
  message: string;
  retryAfterSeconds: number;
}

export type Admission = { ok: true } | Refusal;

export interface ConversationAdmissionDeps {
  conversations: DirectLineLog;
  /** New tokens (new conversation ids) per client address. */
  tokenLimit: RateLimit;
  /** Conversations this process starts (or starts again after dropping them) per client address. */
  startLimit: RateLimit;
  /** The client's address, X-Forwarded-For believed only from TRUSTED_PROXIES. */
  clientAddress: (req: IncomingMessage) => string;
}

/**
 * Who may start a built-in Direct Line conversation (H5): new tokens and new conversations are limited
 * per client address, and at the cap every path is refused the same way, with 503 `busy` and
 * Retry-After (never restify's 500). Held conversations are never rate-limited.
 */
export class ConversationAdmission {
  constructor(private readonly deps: ConversationAdmissionDeps) {}

  /** A new conversation token (POST /tokens/generate, POST /chat/token). */
  async issueToken(req: IncomingMessage): Promise<Admission> {
    if (await this.deps.conversations.isFull()) return busy();
    return fromRateCheck(await this.deps.tokenLimit.take(this.deps.clientAddress(req)));
  }

  /** Holds the conversation for this request: one already held always; a new one within the client's allowance and below the cap. */
  async admit(req: IncomingMessage, conversationId: string, locale?: string): Promise<Admission & { created?: boolean }> {
    if (await this.deps.conversations.has(conversationId)) return { ok: true, created: false };
    if (await this.deps.conversations.isFull()) return busy();
    const allowed = fromRateCheck(await this.deps.startLimit.take(this.deps.clientAddress(req)));
    if (!allowed.ok) return allowed;
    try {
      return { ok: true, created: (await this.deps.conversations.open(conversationId, locale)).created };
    } catch (error) {
      if (error instanceof ConversationsBusyError) return busy();
      throw error;
    }
  }

  /** The customer's message: from now on the conversation counts against the cap. */
  async engage(conversationId: string): Promise<Admission> {
    try {
      await this.deps.conversations.engage(conversationId);
      return { ok: true };
    } catch (error) {
      if (error instanceof ConversationsBusyError) return busy();
      throw error;
    }
  }
}

/** Answers a refusal in our error shape, with Retry-After. */
export function sendRefusal(res: Response, refusal: Refusal): void {
  res.header('Retry-After', String(refusal.retryAfterSeconds));
  sendError(res, refusal.status, refusal.code, refusal.message);
}

function busy(): Refusal {
  return { ok: false, status: 503, code: 'busy', message: 'too many open conversations; try again in a moment', retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS };
}

/** A rate limit's answer as an admission: 429 `rate_limited` with Retry-After when the allowance is spent. */
export function fromRateCheck(check: RateCheck): Admission {
  if (check.ok) return { ok: true };
  return {
    ok: false,
    status: 429,
    code: 'rate_limited',
    message: `too many new chats from your address; try again in ${check.retryAfterSeconds} seconds`,
    retryAfterSeconds: check.retryAfterSeconds,
  };
}
