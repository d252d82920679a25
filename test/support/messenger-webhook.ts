import { createHmac } from 'node:crypto';

/** The `X-Hub-Signature-256` Meta sends: an HMAC-SHA256 of the exact raw body with the app secret. */
export function messengerSignature(appSecret: string, raw: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

/** Posts a raw webhook body to the bot's Messenger endpoint, signed as Meta signs it. */
export function postSignedWebhook(baseUrl: string, appSecret: string, raw: string): Promise<Response> {
  return fetch(`${baseUrl}/api/messenger`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': messengerSignature(appSecret, raw) },
    body: raw,
  });
}
