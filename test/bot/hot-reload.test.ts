import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startTestBot, type TestBot } from '../support/test-bot.js';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot({ copyContent: true, env: { CONTENT_RELOAD: 'watch' } });
});
afterEach(async () => bot.stop());

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const NEW_INTENT = `version: 1
name: parking
description: Customer asks where to park at the store.
title:
  fi: Pysäköinti
  en: Parking
examples:
  fi:
    - missä voin pysäköidä
    - onko teillä parkkipaikkoja
    - mihin auton voi jättää
    - parkkihalli
  en:
    - where can I park
    - do you have parking spaces
    - is there a car park
    - parking garage
answers:
  fi:
    - Myymälän edessä on maksuton pysäköintialue.
  en:
    - There is free parking in front of the store.
`;

describe('content hot reload', () => {
  test('a new intent file goes live without a restart', async () => {
    await writeFile(path.join(bot.contentDir, 'intents/parking.yaml'), NEW_INTENT);
    // A new conversation each try: the same question asked again and again in one conversation is a
    // repeated complaint, and the third time would go to a person as upset instead of being answered.
    let attempt = 0;
    await waitFor(
      async () =>
        (await bot.say('where can i park my car', { conversationId: `parking-${++attempt}` })).includes('There is free parking in front of the store.'),
      'the parking answer',
    );
    expect(bot.app.content.current().version).toBeGreaterThan(1);
  });

  test('a new example is picked up', async () => {
    const phrase = 'zorblax kvanttirele pimeänä';
    const before = bot.app.content.current().recogniser.recognise(phrase, 'fi');
    expect(before.intent).not.toBe('outage');
    const file = path.join(bot.contentDir, 'intents/outage.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/examples:\n  fi:\n/, `examples:\n  fi:\n    - ${phrase}\n`));
    await waitFor(async () => bot.app.content.current().recogniser.recognise(phrase, 'fi').intent === 'outage', 'the new example');
  });

  test('broken content is refused: the bot keeps serving the last good version and logs why', async () => {
    await appendFile(path.join(bot.contentDir, 'intents/thanks.yaml'), '\nsensitive: perhaps\n');
    await waitFor(async () => bot.logs.some((line) => line.includes('content refused')), 'the refusal in the log');
    const refusal = bot.logs.find((line) => line.includes('content refused'))!;
    expect(refusal).toContain('still serving version 1');
    expect(refusal).toContain('intents/thanks.yaml');
    expect(bot.app.content.current().version).toBe(1);
    expect((await bot.say('kiitos paljon')).length).toBe(1);
  });
});
