import path from 'node:path';
import { CLINC150_NAME, parseBenchOptions, USAGE } from '../../../tools/bench/bench-options.js';

/** Registers this file's tests; test/tools/bench-tools.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function benchBenchOptionsTests(): void {
  const root = '/project';

  describe('bench options', () => {
    test('runs every engine on CLINC150 in English by default', () => {
      expect(parseBenchOptions([], root)).toEqual({
        dataPath: path.resolve(root, 'tools/bench/data/clinc150/data_full.json'),
        datasetName: CLINC150_NAME,
        onlyOurs: false,
        onlyJournal: false,
        onlyEndToEnd: false,
        quick: false,
        store: 'files',
        instances: 1,
        language: 'en',
      });
    });

    test('--data is read from where npm run was typed and names the data set after the file', () => {
      const options = parseBenchOptions(['--data', 'mine/tickets.json', '--only', 'ours', '--language', 'fi'], root, '/home/me');
      expect(options).toMatchObject({ dataPath: '/home/me/mine/tickets.json', datasetName: 'tickets', onlyOurs: true, onlyJournal: false, language: 'fi' });
    });

    test('--only journal measures only what fsync costs the handoff journal', () => {
      expect(parseBenchOptions(['--only', 'journal'], root)).toMatchObject({ onlyOurs: false, onlyJournal: true });
    });

    test('--only e2e --quick measures only the bot end to end, briefly, on the file store', () => {
      expect(parseBenchOptions(['--only', 'e2e', '--quick'], root)).toMatchObject({
        onlyEndToEnd: true,
        onlyOurs: false,
        quick: true,
        store: 'files',
        instances: 1,
      });
    });

    test('several bot processes are allowed on PostgreSQL, which they can share', () => {
      expect(parseBenchOptions(['--store', 'postgres', '--instances', '3'], root)).toMatchObject({ store: 'postgres', instances: 3 });
      expect(parseBenchOptions(['--store=postgres', '--instances=2'], root)).toMatchObject({ store: 'postgres', instances: 2 });
    });

    test('the CLINC150 file passed by path is still CLINC150, so its targets are checked', () => {
      expect(parseBenchOptions(['--data', 'tools/bench/data/clinc150/data_full.json'], root).datasetName).toBe(CLINC150_NAME);
    });

    test.each([
      [['--only', 'peers'], '--only accepts "ours", "journal" or "e2e", not "peers"'],
      [['--store', 'sqlite'], '--store accepts "files" or "postgres", not "sqlite"'],
      [['--instances', '0', '--store', 'postgres'], '--instances must be a whole number from 1 to 16, not "0"'],
      [['--instances', '2.5', '--store', 'postgres'], '--instances must be a whole number from 1 to 16, not "2.5"'],
      [['--instances', '17', '--store', 'postgres'], '--instances must be a whole number from 1 to 16, not "17"'],
      [['--instances', '2'], '--instances 2 needs --store postgres: one bot process owns DATA_DIR'],
      [['--instances', '2', '--store', 'files'], '--instances 2 needs --store postgres: one bot process owns DATA_DIR'],
      [['--only', 'ours', '--quick'], '--quick, --store and --instances are for the bot end to end; --only ours runs none'],
      [['--only', 'journal', '--store', 'postgres'], '--quick, --store and --instances are for the bot end to end; --only journal runs none'],
      [['--quick', 'yes'], "Unexpected argument 'yes'"],
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
}
