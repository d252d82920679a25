import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; nothing is ever downloaded (the machines have no internet). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Starts headless Debian Chromium for a browser test. Without the browser the test fails with the command that
 * installs it, never skips: a skipped browser test would hide a broken page (.ci/run installs it first).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}
