import path from 'node:path';
import { CLINC150_NAME, parseBenchOptions, USAGE } from '../../../tools/bench/bench-options.js';

const root = '/project';

describe('bench options', () => {
  test('runs every engine on CLINC150 in English by default', () => {
    expect(parseBenchOptions([], root)).toEqual({
      dataPath: path.resolve(root, 'tools/bench/data/clinc150/data_full.json'),
      datasetName: CLINC150_NAME,
      onlyOurs: false,
      onlyJournal: false,
      language: 'en',
    });
  });

  test('--data is read from where npm run was typed and names the data set after the file', () => {
    const options = parseBenchOptions(['--data', 'mine/tickets.json', '--only', 'ours', '--language', 'fi'], root, '/home/me');
    expect(options).toEqual({ dataPath: '/home/me/mine/tickets.json', datasetName: 'tickets', onlyOurs: true, onlyJournal: false, language: 'fi' });
  });

  test('--only journal measures only what fsync costs the handoff journal', () => {
    expect(parseBenchOptions(['--only', 'journal'], root)).toMatchObject({ onlyOurs: false, onlyJournal: true });
  });

  test('the CLINC150 file passed by path is still CLINC150, so its targets are checked', () => {
    expect(parseBenchOptions(['--data', 'tools/bench/data/clinc150/data_full.json'], root).datasetName).toBe(CLINC150_NAME);
  });

  test.each([
    [['--only', 'peers'], '--only accepts "ours" or "journal", not "peers"'],
    [['--language', 'sv'], '--language must be one of fi, en'],
    [['--data'], "Option '--data <value>' argument missing"],
    [['--data', ' '], '--data needs the path of a JSON file'],
    [['--fast'], "Unknown option '--fast'"],
    [['clinc'], "Unexpected argument 'clinc'"],
  ])('refuses %j with a one-line reason and the usage', (argv, reason) => {
    expect(() => parseBenchOptions(argv, root)).toThrow(reason);
    expect(() => parseBenchOptions(argv, root)).toThrow(USAGE);
  });
});
