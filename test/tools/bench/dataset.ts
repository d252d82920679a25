import path from 'node:path';
import { DatasetError, loadDataset, parseDataset, schemesFor, trainingRows } from '../../../tools/bench/dataset.js';
import { PROJECT_ROOT } from '../../support/test-bot.js';

/** Registers this file's tests; test/tools/bench-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function benchDatasetTests(): void {
  const fixture = (name: string) => path.join(PROJECT_ROOT, 'test', 'fixtures', 'bench-data', name);
  const load = (name: string) => loadDataset(fixture(name), name);

  describe('benchmark data set', () => {
    test('reads the CLINC150 shape with the out-of-scope lists optional', async () => {
      const dataset = await load('small.json');
      expect(dataset.train).toHaveLength(4);
      expect(dataset.train[0]).toEqual({ text: 'where is my order', intent: 'order_status' });
      expect([dataset.val.length, dataset.test.length, dataset.oosTrain.length, dataset.oosVal.length, dataset.oosTest.length]).toEqual([1, 2, 0, 1, 1]);
    });

    test('offers the oos-train scheme only with oos_train rows, and adds them as one more class', async () => {
      const dataset = await load('small.json');
      expect(schemesFor(dataset)).toEqual(['oos-threshold']);
      const withOos = { ...dataset, oosTrain: [{ text: 'sing me a song', intent: 'oos' }] };
      expect(schemesFor(withOos)).toEqual(['oos-threshold', 'oos-train']);
      expect(trainingRows(withOos, 'oos-train').map((row) => row.intent)).toEqual(['order_status', 'order_status', 'billing', 'billing', 'oos']);
      expect(trainingRows(withOos, 'oos-threshold')).toHaveLength(4);
    });

    test('names every malformed row by its place in the file', async () => {
      await expect(load('bad-rows.json')).rejects.toThrow(
        [
          `${fixture('bad-rows.json')} is not in the CLINC150 shape ({ train, val, test, oos_train?, oos_val?, oos_test? }, each a list of [text, intent]):`,
          `  ${fixture('bad-rows.json')}: train[1]: must be a pair [text, intent]`,
          `  ${fixture('bad-rows.json')}: train[2][0]: the text is empty`,
          `  ${fixture('bad-rows.json')}: train[3][1]: the intent must be a string`,
        ].join('\n'),
      );
    });

    test('refuses oos in the in-scope lists, other labels in the oos lists, and intents tested but never trained', async () => {
      await expect(load('bad-labels.json')).rejects.toThrow(
        [
          `  ${fixture('bad-labels.json')}: train[1][1]: 'oos' marks out-of-scope rows; put them in oos_train`,
          `  ${fixture('bad-labels.json')}: val[0][1]: intent 'cancel' has no rows in train`,
          `  ${fixture('bad-labels.json')}: oos_test[0][1]: out-of-scope rows carry the intent 'oos', not 'joke'`,
        ].join('\n'),
      );
    });

    test('says which list is missing', async () => {
      await expect(load('missing-test.json')).rejects.toThrow(`  ${fixture('missing-test.json')}: test: is missing`);
    });

    test('points at the line and column of broken JSON', async () => {
      await expect(load('not-json.json')).rejects.toThrow(`${fixture('not-json.json')}:2:8: not valid JSON: `);
    });

    test('names a file it cannot read', async () => {
      await expect(load('no-such-file.json')).rejects.toThrow(new DatasetError(`${fixture('no-such-file.json')}: cannot read the data file (ENOENT)`));
    });

    test('lists at most ten problems and counts the rest', () => {
      const rows = Array.from({ length: 25 }, () => ['', 'x']);
      const parse = () => parseDataset({ train: rows, val: [], test: [['a', 'x']] }, 'many.json', 'many');
      expect(parse).toThrow(/ {2}many\.json: train\[9\]\[0\]: the text is empty\n {2}\.\.\. and 15 more$/);
      expect(parse).not.toThrow('train[10]');
    });
  });
}
