// Child process for the kill -9 test: opens cases in a loop and prints each id once the store has
// acknowledged it (the transaction resolved). The parent kills it at a random moment.
import { createHandoffDesks } from '../../handoff/index.js';
import { LowdbHandoffStore } from '../../bot/store/index.js';
import { openCaseInput } from './open-case-input.js';

const file = process.argv[2];
if (!file) throw new Error('usage: case-writer <handoff.json>');
const desk = createHandoffDesks(await LowdbHandoffStore.open(file)).customer;
const prefix = `${process.pid}`;
for (let n = 0; ; n++) {
  // Several at once, as concurrent turns would.
  const opened = await Promise.all([0, 1, 2].map((i) => desk.openCase(openCaseInput(`test/${prefix}-${n}-${i}`, `test/user-${prefix}-${n}`, 'x'.repeat(200)))));
  for (const { record } of opened) process.stdout.write(`acked ${record.id} ${record.conversationKey}\n`);
}
