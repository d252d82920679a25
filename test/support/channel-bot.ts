import { startVastaa, type Vastaa } from './vastaa.js';

export interface ChannelBot extends Vastaa {
  /** The customer channels this process serves itself (built-in Direct Line, Messenger). */
  channels: Vastaa['app']['channels'];
}

/** The whole app (startVastaa), for tests of its customer channels; `directLineClock` moves the built-in Direct Line's clock. */
export async function startChannelBot(options: { env?: Record<string, string>; now?: () => Date; directLineClock?: () => number } = {}): Promise<ChannelBot> {
  const vastaa = await startVastaa({ env: options.env, now: options.now, overrides: { directLineClock: options.directLineClock } });
  return { ...vastaa, channels: vastaa.app.channels };
}
