import { ConfigError, readConfig, type Config } from '../../bot/config.js';

/**
 * The configuration for a CLI command, or undefined after printing what is wrong with it (one line
 * per bad variable), so the command can exit 1 instead of showing a stack trace.
 */
export function cliConfig(): Config | undefined {
  try {
    return readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return undefined;
  }
}
