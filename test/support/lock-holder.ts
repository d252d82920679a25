// Child process for the lock tests: holds DATA_DIR's lock as a second Vastaa process would, until killed.
import { lockDataDir } from '../../bot/store/index.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: lock-holder <dataDir>');
await lockDataDir(dataDir);
process.stdout.write('locked\n');
setInterval(() => undefined, 60_000);
