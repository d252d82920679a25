/** Order numbers have 6 to 12 digits: longer than a postal code (5), shorter than a card number (13+). */
export const ORDER_NUMBER_DIGITS = { min: 6, max: 12 } as const;

/** Words customers put around the number: "tilausnumero: 123456", "order no. 123456", "nro 123456". */
const LABELS = /\b(?:tilaus(?:numero|nro|nr|no)?|tilausnumeroni|order(?:\s*(?:number|no|nr|id))?|number|numero|nro|nr|no|id|se on|it is|it's|on|is)\b\.?/giu;

/**
 * The order number a reply to "what is your order number?" consists of, as digits: "123456",
 * "#123456", "123 456", "123-456", "Tilausnumero: 123456", "order no. 123456". Undefined for anything
 * else, e.g. "12345" (too short, a postal code) or "en muista".
 * @example parseOrderNumber('order no. 123 456') // '123456'
 */
export function parseOrderNumber(reply: string): string | undefined {
  const bare = reply
    .normalize('NFC')
    .toLowerCase()
    .replace(LABELS, ' ')
    .replace(/[#:.,!?()]/g, ' ')
    .trim();
  if (/^\d(?:[ -]?\d)*$/.test(bare)) {
    const digits = bare.replace(/\D/g, '');
    if (digits.length >= ORDER_NUMBER_DIGITS.min && digits.length <= ORDER_NUMBER_DIGITS.max) return digits;
    return undefined;
  }
  return findOrderNumber(reply);
}

/**
 * An order number inside a sentence ("missä on tilaus 123456?"): one unbroken run of 6 to 12 digits,
 * optionally after "#". Runs glued to letters or followed by "-123" / "+123" are not taken, so the date
 * part of a personal identity code ("131052-308T") is never read as an order number.
 */
export function findOrderNumber(text: string): string | undefined {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}.,-])#?(\\d{${ORDER_NUMBER_DIGITS.min},${ORDER_NUMBER_DIGITS.max}})(?![\\p{L}\\p{N}]|[-+.,]\\d)`, 'u');
  return pattern.exec(text)?.[1];
}

/** What a customer gave to prove an order is theirs. */
export interface VerificationAnswer {
  email?: string;
  postalCode?: string;
  /** A corrected order number given with (or instead of) the details. */
  orderNumber?: string;
}

const EMAIL = /[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[\p{L}]{2,}/u;
const POSTAL_CODE = /(?<![\p{N}-])\d{5}(?![\p{N}])/u;

/**
 * The email address, postal code and order number in a reply to "type the email or postal code on
 * the order". Undefined when it has none of them.
 * @example parseVerification('aino@example.com') // { email: 'aino@example.com' }
 */
export function parseVerification(reply: string): VerificationAnswer | undefined {
  const email = EMAIL.exec(reply)?.[0].replace(/[.]+$/, '');
  const withoutEmail = email ? reply.replace(email, ' ') : reply;
  const postalCode = POSTAL_CODE.exec(withoutEmail)?.[0];
  const orderNumber = findOrderNumber(withoutEmail);
  if (!email && !postalCode && !orderNumber) return undefined;
  return { ...(email ? { email } : {}), ...(postalCode ? { postalCode } : {}), ...(orderNumber ? { orderNumber } : {}) };
}
