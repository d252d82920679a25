import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether a webhook body carries Meta's `X-Hub-Signature-256: sha256=<hex>` for the app secret.
 * Compares in constant time; a missing or malformed header is simply false.
 */
export function verifySignature(rawBody: string | Buffer, header: string | undefined, appSecret: string): boolean {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '')?.[1];
  if (!given) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
