/** A plain address: one @, a dot in the domain, no spaces; at most 254 characters (RFC 5321). */
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

/** The address in a message that is only an address (trailing full stop and spaces allowed), lower-cased domain; otherwise undefined. */
export function emailAddressIn(text: string): string | undefined {
  const candidate = text.trim().replace(/[.!]+$/, '');
  if (candidate.length > 254 || !ADDRESS.test(candidate)) return undefined;
  const at = candidate.lastIndexOf('@');
  return `${candidate.slice(0, at)}@${candidate.slice(at + 1).toLowerCase()}`;
}

/** Every email address in a text replaced with "[EMAIL]": for transcripts and logs. */
export function maskEmailAddresses(text: string): string {
  return text.includes('@') ? text.replace(/[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}/gu, '[EMAIL]') : text;
}

/** "ma•••@example.fi": enough for an agent or a log line to tell two addresses apart, not enough to write to. */
export function addressHint(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, Math.min(2, at))}•••${address.slice(at)}`;
}
