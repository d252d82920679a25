import os from 'node:os';
import path from 'node:path';

// Runs before every test file: keep natural's dotenv quiet.
process.env.DOTENV_CONFIG_QUIET = 'true';
// Test bots share trained NLU models across test files (keyed by content and NLU code): the same
// model trained once instead of once per bot.
process.env.NLU_CACHE_DIR ??= path.join(os.tmpdir(), 'vastaa-nlu-cache');
