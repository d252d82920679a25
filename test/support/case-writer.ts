// Child process for the kill -9 test: opens cases in a loop and prints each id once the store has
// acknowledged it (the transaction resolved). The parent kills it at a random moment.
import { createHandoffDesks } from '../../handoff/index.js';
import { LowdbHandoffStore } from '../../bot/store/index.js';

const file = process.argv[2];
if (!file) throw new Error('usage: case-writer <handoff.json>');
const desk = createHandoffDesks(await LowdbHandoffStore.open(file)).customer;
const prefix = `${process.pid}`;
for (let n = 0; ; n++) {
  const conversation = { key: `test/${prefix}-${n}`, customerKey: `test/user-${prefix}-${n}`, channelId: 'test', language: 'fi' as const };
  const summary = {
    headline: 'h',
    intent: null,
    topic: null,
    details: {},
    sentiment: 'calm' as const,
    upsetSignals: [],
    botSaid: [],
    firstMessage: 'x'.repeat(200),
  };
  // Several at once, as concurrent turns would.
  const opened = await Promise.all(
    [0, 1, 2].map((i) =>
      desk.openCase({
        conversation: { ...conversation, key: `${conversation.key}-${i}` },
        reference: {},
        reason: 'customer_request',
        signals: [],
        priority: 3,
        score: 1,
        summary,
      }),
    ),
  );
  for (const { record } of opened) process.stdout.write(`acked ${record.id} ${record.conversationKey}\n`);
}
