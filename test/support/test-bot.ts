import type { AppOverrides } from '../../bot/create-app.js';
import { startVastaa, type Vastaa } from './vastaa.js';

export { PROJECT_ROOT, type MessageFields } from './vastaa.js';

/** The whole app (startVastaa) for tests that talk to /api/messages. */
export type TestBot = Vastaa;

/** startVastaa with the options the /api/messages tests use. */
export async function startTestBot(
  options: { env?: Record<string, string>; copyContent?: boolean; now?: () => Date; dataDir?: string; overrides?: AppOverrides } = {},
): Promise<TestBot> {
  return startVastaa(options);
}
