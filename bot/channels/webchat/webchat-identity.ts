import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie that carries a web chat visitor's identity. */
export const IDENTITY_COOKIE = 'vastaa_chat';

/**
 * A visitor as the cookie names them: a random customer id (the same on every visit, so earlier cases
 * show in the agent's summary) and their open conversation, if any. Nothing personal: both are random.
 */
export interface ChatIdentity {
  customerId: string;
  /** The conversation the visitor's tabs resume; absent after "End conversation". */
  conversationId?: string;
}

/**
 * Signs and reads the identity cookie: `base64url(JSON [1, customer, conversation, expiry]).hmac`.
 * The expiry is inside the signed part, so a cookie kept past its Max-Age is still refused. Every
 * instance that shares WEB_CHAT_IDENTITY_KEY accepts the others' cookies.
 *
 * @example identity.read('vastaa_chat=WzEsIm…'.split('=')[1]) // { customerId: 'k3…', conversationId: 'Zx…' }
 */
export class WebChatIdentity {
  private readonly key: Buffer;

  constructor(
    key: string | undefined,
    /** How long a visitor stays the same customer without visiting, in days. */
    readonly lifetimeDays: number,
    private readonly now: () => number = Date.now,
  ) {
    // A key of its own for this purpose: a Direct Line token signed with the same secret is never a valid cookie.
    this.key = createHmac('sha256', key === undefined ? randomBytes(32) : Buffer.from(key, 'utf8'))
      .update('vastaa web chat identity v1')
      .digest();
  }

  static newCustomerId(): string {
    return randomBytes(16).toString('base64url');
  }

  /** The cookie value for this identity, valid for `lifetimeDays` from now. */
  seal(identity: ChatIdentity): string {
    const expires = Math.floor(this.now() / 1000) + this.lifetimeDays * 86_400;
    const payload = Buffer.from(JSON.stringify([1, identity.customerId, identity.conversationId ?? '', expires])).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The identity in a cookie value; undefined when it is missing, altered, signed with another key or expired. */
  open(value: string | undefined): ChatIdentity | undefined {
    const [payload, signature, extra] = (value ?? '').split('.');
    if (!payload || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let fields: unknown;
    try {
      fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (!Array.isArray(fields) || fields.length !== 4 || fields[0] !== 1) return undefined;
    const [, customerId, conversationId, expires] = fields as [number, unknown, unknown, unknown];
    if (typeof customerId !== 'string' || !/^[\w-]{16,64}$/.test(customerId)) return undefined;
    if (typeof conversationId !== 'string' || !/^[\w-]{0,64}$/.test(conversationId)) return undefined;
    if (typeof expires !== 'number' || expires * 1000 <= this.now()) return undefined;
    return conversationId === '' ? { customerId } : { customerId, conversationId };
  }

  /** The identity in a request's Cookie header, if a valid one is there. */
  fromCookieHeader(header: string | undefined): ChatIdentity | undefined {
    return this.open(cookieValue(header, IDENTITY_COOKIE));
  }

  /**
   * The Set-Cookie header: HttpOnly (no script reads it), path /chat (only the chat's own routes get
   * it). Over https SameSite=None; Secure; Partitioned, so the chat keeps its visitor inside another
   * site's iframe (the embed), kept apart per embedding site; over plain http (development) Lax, which
   * browsers accept without Secure.
   */
  setCookie(identity: ChatIdentity, secure: boolean): string {
    const attributes = [
      `Max-Age=${this.lifetimeDays * 86_400}`,
      'Path=/chat',
      'HttpOnly',
      ...(secure ? ['Secure', 'SameSite=None', 'Partitioned'] : ['SameSite=Lax']),
    ];
    return `${IDENTITY_COOKIE}=${this.seal(identity)}; ${attributes.join('; ')}`;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** One cookie's value from a Cookie header (the first one of that name). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
