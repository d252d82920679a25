import { test } from '@jest/globals';
import { startVastaa } from './support/vastaa.js';
test('probe', async () => {
  const t0 = process.cpuUsage();
  const bot = await startVastaa();
  await bot.say('hei');
  await bot.stop();
  const d = process.cpuUsage(t0);
  console.log('bot start+say+stop cpu ms', (d.user + d.system) / 1000);
});
