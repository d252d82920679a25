import { fetchJson } from '../../core/http/fetch-json.js';
import { outageFeedSchema, type Outage, type OutageFeed } from './outage-feed-schema.js';

/** The live outage feed: `GET {url}` answering the JSON documented in docs/configuration.md (outageFeedSchema). */
export class HttpOutageFeed implements OutageFeed {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  get source(): string {
    return this.url;
  }

  async outages(): Promise<Outage[]> {
    const { data } = await fetchJson({ service: 'outage feed', url: this.url, timeoutMs: this.timeoutMs, schema: outageFeedSchema });
    // fetchJson accepts no status other than 200, so data is always there.
    return data!.outages;
  }
}
