/**
 * A plain address: a local part without spaces or brackets, one @, domain labels of letters, digits
 * and hyphens, and a top-level domain of letters (so "osoite@example.fi?" ends before the "?"). The
 * parts are bounded (RFC 5321: a local part of at most 64, labels of at most 63), so a long text
 * without a whole address costs a short look from each position, never a scan to its end.
 */
const ADDRESS_SOURCE = String.raw`[^\s@<>()[\]\\,;:"]{1,64}@(?:[\p{L}\p{N}-]{1,63}\.){1,8}\p{L}{2,63}`;
const ADDRESS = new RegExp(`^${ADDRESS_SOURCE}$`, 'u');
const ADDRESSES = new RegExp(`${ADDRESS_SOURCE}(?![\\p{L}\\p{N}-])`, 'gu');

/** The address in a message that is only an address (trailing full stop and spaces allowed; at most 254 characters, RFC 5321), lower-cased domain; otherwise undefined. */
export function emailAddressIn(text: string): string | undefined {
  const candidate = text.trim().replace(/[.!]+$/, '');
  if (candidate.length > 254 || !ADDRESS.test(candidate)) return undefined;
  const at = candidate.lastIndexOf('@');
  return `${candidate.slice(0, at)}@${candidate.slice(at + 1).toLowerCase()}`;
}

/** Every email address in a text replaced with "[EMAIL]": for transcripts and logs. */
export function maskEmailAddresses(text: string): string {
  return text.includes('@') ? text.replace(ADDRESSES, '[EMAIL]') : text;
}

/** "ma•••@example.fi": enough for an agent or a log line to tell two addresses apart, not enough to write to. */
export function addressHint(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, Math.min(2, at))}•••${address.slice(at)}`;
}
