import { readFile } from 'node:fs/promises';
import { BackendError } from '../../core/http/backend-error.js';
import { describeIssues } from '../../core/http/fetch-json.js';
import { outageFeedSchema, type Outage, type OutageFeed } from './outage-feed-schema.js';

/**
 * The built-in outage feed: a JSON file in the same format as the HTTP feed (default demo/outages.json).
 * Read on every question, so an edit shows at once; a broken file is reported like a broken feed.
 */
export class FileOutageFeed implements OutageFeed {
  constructor(private readonly file: string) {}

  get source(): string {
    return this.file;
  }

  async outages(): Promise<Outage[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      throw new BackendError('outage feed', 'unavailable', `cannot read ${this.file} (${(error as Error).message})`, { cause: error });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new BackendError('outage feed', 'invalid_data', `${this.file} is not valid JSON (${(error as Error).message})`, { cause: error });
    }
    const parsed = outageFeedSchema.safeParse(json);
    if (!parsed.success) throw new BackendError('outage feed', 'invalid_data', `${this.file}: ${describeIssues(parsed.error)}`, { cause: parsed.error });
    return parsed.data.outages;
  }
}
