import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a token lets its holder do: use one conversation as one user, or open that conversation's stream once. */
export type TokenScope = 'conversation' | 'stream';

export interface TokenClaims {
  scope: TokenScope;
  conversationId: string;
  userId: string;
  /** Expiry, seconds since the epoch. */
  expires: number;
  /** Random id of a stream token, so the server can tell it has been used (L4); conversation tokens have none. */
  id?: string;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/**
 * Short-lived Direct Line tokens: an HMAC-SHA256 over `scope, conversation, user, expiry`, so the server
 * keeps no token table and a token cannot be altered to name another conversation.
 *
 * @example tokens.issue('conversation', 'c1', 'dl_u1') // 'eyJzIjoiY…' + '.' + signature
 */
export class DirectLineTokens {
  private readonly key: Buffer;

  constructor(
    key: string | undefined,
    /** Lifetime of a conversation token in seconds. */
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = key === undefined ? randomBytes(32) : Buffer.from(key, 'utf8');
  }

  issue(scope: TokenScope, conversationId: string, userId: string, ttlSeconds = this.ttlSeconds): string {
    const claims: TokenClaims = { scope, conversationId, userId, expires: Math.floor(this.now() / 1000) + ttlSeconds };
    // Without an id, two stream tokens for one conversation issued in the same second would be identical,
    // and the second could never be used.
    const fields =
      scope === 'stream'
        ? [scope, conversationId, userId, claims.expires, randomBytes(12).toString('base64url')]
        : [scope, conversationId, userId, claims.expires];
    const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  verify(token: string): TokenCheck {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
    let fields: unknown;
    try {
      fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    // Four fields, or five with a stream token's id; tokens signed before ids existed stay valid.
    if (!Array.isArray(fields) || fields.length < 4 || fields.length > 5) return { ok: false, reason: 'malformed' };
    const [scope, conversationId, userId, expires, id] = fields as [TokenScope, string, string, number, string | undefined];
    if (expires * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { scope, conversationId, userId, expires, ...(id === undefined ? {} : { id }) } };
  }

  /** Seconds until a token with these claims expires. */
  remaining(claims: TokenClaims): number {
    return Math.max(0, claims.expires - Math.floor(this.now() / 1000));
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
