import { measureEndToEnd } from '../../../tools/bench/end-to-end.js';

describe('bench end to end', () => {
  test('refuses --store postgres with the reason while the bot keeps its data in DATA_DIR, before building anything', async () => {
    const logged: string[] = [];
    await expect(measureEndToEnd('/nonexistent', { store: 'postgres', instances: 2, quick: true }, (line) => logged.push(line))).rejects.toThrow(
      '--store postgres: the bot in this version keeps its data in DATA_DIR',
    );
    expect(logged).toEqual([]);
  });
});
