import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator } from 'playwright-core';

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

let shared: Promise<Browser> | undefined;

/**
 * One Chromium for all the browser test files that one jest file runs (each file a describe block of its own), launched when the
 * first asks: a launch costs about 2 CPU-seconds. Each file gives it back with `releaseChromium` in its afterAll, and the jest
 * file closes it after its last test with `afterAll(closeSharedChromium)`.
 */
export function sharedChromium(): Promise<Browser> {
  shared ??= launchChromium();
  return shared;
}

/**
 * Closes every page and context a test file opened in the shared Chromium, so none of its pages keeps running (reconnecting to a
 * stopped bot) while the next file's tests run.
 */
export async function releaseChromium(browser: Browser | undefined): Promise<void> {
  await Promise.all((browser?.contexts() ?? []).map((context) => context.close()));
}

/** Closes the shared Chromium (the afterAll of a jest file whose test files use `sharedChromium`). */
export async function closeSharedChromium(): Promise<void> {
  const browser = shared;
  shared = undefined;
  await (await browser?.catch(() => undefined))?.close();
}

/**
 * Fills a field of a page that redraws itself on live changes, and checks that the text stayed. Playwright's
 * fill focuses the element and then inserts the text in a later step; a redraw between the two leaves the
 * text in the detached old element and the new one empty (a person typing key by key always types into the
 * redrawn, refocused field). Fills again until the visible field holds the text.
 */
export async function fillAndKeep(field: Locator, text: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await field.fill(text);
    await new Promise((resolve) => setTimeout(resolve, 100));
    if ((await field.inputValue()) === text) return;
    if (Date.now() > deadline) throw new Error(`the field did not keep ${JSON.stringify(text)} for ${timeoutMs} ms`);
  }
}
