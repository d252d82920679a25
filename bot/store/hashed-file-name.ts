import { createHash } from 'node:crypto';

/** Longest readable prefix; the hash alone makes the name unique. */
const PREFIX_LENGTH = 24;

/**
 * The file name for a store key: a short readable prefix strictly in [a-z0-9-] (e.g. the channel,
 * so an operator can tell files apart) and the sha256 of the whole key. Ids from outside never reach
 * the file system as they are, so no id (`..`, `a/b`, 300 characters, NUL) can name a file outside
 * its folder or one too long for the file system; the key itself is kept inside the file.
 *
 * @example hashedFileName('emulator', 'emulator/conversations/abc/', '.json') // 'emulator-<64 hex>.json'
 */
export function hashedFileName(readable: string, key: string, extension: string): string {
  const memoKey = `${readable}\n${extension}\n${key}`;
  let name = recentNames.get(memoKey);
  if (name === undefined) {
    name = computeHashedFileName(readable, key, extension);
    if (recentNames.size >= RECENT_NAMES_KEPT) recentNames.clear();
    recentNames.set(memoKey, name);
  }
  return name;
}

/**
 * Names computed lately: a turn names its state file twice and its transcript once per activity
 * logged, and a sha256 each time was 1 % of a FAQ turn's CPU. Cleared when full, so it stays small.
 */
const recentNames = new Map<string, string>();
const RECENT_NAMES_KEPT = 4096;

function computeHashedFileName(readable: string, key: string, extension: string): string {
  const prefix = readable
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, PREFIX_LENGTH)
    .replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(key, 'utf8').digest('hex');
  return `${prefix ? `${prefix}-` : ''}${hash}${extension}`;
}

/** True for names `hashedFileName` makes (with that extension); anything else in a store folder is from an older layout. */
export function isHashedFileName(name: string, extension: string): boolean {
  if (!name.endsWith(extension)) return false;
  return /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-)?[0-9a-f]{64}$/.test(name.slice(0, -extension.length));
}
