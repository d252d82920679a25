import type { Activity } from 'botbuilder';
import { DirectLineClient, type Stream } from './direct-line-client.js';

/** What the bot (or an agent) sent, as the customer's page sees it: not the customer's own echo. */
export const fromServer = (activity: Activity) => activity.type === 'message' && activity.from?.role !== 'user';

/** A web chat customer on the built-in Direct Line, with an open stream (and the welcome received), who says things and waits for answers. */
export class WebChatCustomer {
  stream!: Stream;
  readonly client: DirectLineClient;

  constructor(url: string) {
    this.client = new DirectLineClient(`${url}/v3/directline`);
  }

  static async start(url: string, locale = 'fi-FI'): Promise<WebChatCustomer> {
    const customer = new WebChatCustomer(url);
    await customer.client.start(locale);
    customer.stream = await customer.client.openStream();
    // The welcome first: arriving late on a loaded machine, it would be taken for the answer to the first message.
    await customer.stream.until((activities) => activities.some(fromServer));
    return customer;
  }

  get conversationId(): string {
    return this.client.conversationId;
  }

  /** Messages from the server so far. */
  get received(): Activity[] {
    return this.stream.activities.filter(fromServer);
  }

  /** Posts a message (a button tap with `value`) and waits for `replies` more messages from the server; returns them. */
  async say(text: string, options: { value?: unknown; replies?: number; locale?: string } = {}): Promise<Activity[]> {
    const before = this.received.length;
    const answer = await this.client.post({ type: 'message', text, ...(options.value ? { value: options.value } : {}), locale: options.locale ?? 'fi-FI' });
    if (answer.status !== 200) throw new Error(`post answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const replies = options.replies ?? 1;
    await this.stream.until((activities) => activities.filter(fromServer).length >= before + replies);
    return this.received.slice(before);
  }

  /** Leaves the page: the stream closes. */
  leave(): Promise<void> {
    return this.stream.close();
  }

  /** Comes back from the last watermark seen, as Web Chat does after a reload. */
  async comeBack(): Promise<void> {
    await this.client.reconnect(this.stream.watermark);
    const old = this.stream;
    this.stream = await this.client.openStream();
    this.stream.sets.unshift(...old.sets);
  }
}
