import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters; stored in each hash, so raising them later keeps old hashes valid. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * Derives a scrypt key. The sign-in route passes PasswordCheckPool.derive (a worker thread); the
 * default runs on libuv's thread pool, which is fine for the agents CLI but not for a server,
 * where every `fs` call waits in the same pool.
 */
export type DeriveKey = (password: string, salt: Buffer, length: number, cost: ScryptCost) => Promise<Buffer>;

/** Cost of new hashes. */
const COST: ScryptCost = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 64;
const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** The memory scrypt may use for `cost` (its own default, 32 MiB, is too small for some valid costs). */
export function scryptMaxmem(cost: ScryptCost): number {
  return 256 * cost.N * cost.r;
}

export const deriveOnThreadPool: DeriveKey = (password, salt, length, cost) =>
  new Promise((resolve, reject) => {
    scrypt(password, salt, length, { ...cost, maxmem: scryptMaxmem(cost) }, (error, key) => (error ? reject(error) : resolve(key)));
  });

/** "scrypt$N$r$p$salt$hash" (base64): what the agents file keeps instead of a password. */
export async function hashPassword(password: string, derive: DeriveKey = deriveOnThreadPool): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password.normalize('NFC'), salt, KEY_LENGTH, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function isPasswordHash(text: string): boolean {
  return FORMAT.test(text);
}

/** True when `password` matches `hash`; compares in constant time. */
export async function verifyPassword(password: string, hash: string, derive: DeriveKey = deriveOnThreadPool): Promise<boolean> {
  const match = FORMAT.exec(hash);
  if (!match) return false;
  const [, n, r, p, salt, expected] = match;
  const want = Buffer.from(expected!, 'base64');
  const key = await derive(password.normalize('NFC'), Buffer.from(salt!, 'base64'), want.length, { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === want.length && timingSafeEqual(key, want);
}

/** A valid hash of no one's password: verifying against it for an unknown login takes as long as for a real one. */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(KEY_LENGTH).toString('base64');
