/** A Graph API error as Meta reports it. */
export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  fbtrace_id?: string;
}

/** Graph error codes that mean "too many calls, slow down" (app, user, page and Messenger limits). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80006]);
/** Subcode of "this message is sent outside of allowed window" (the 24-hour rule). */
export const OUTSIDE_WINDOW_SUBCODE = 2018278;

export class MessengerSendError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly graphError: GraphError | undefined,
    /** Whether it was worth retrying (5xx, rate limit, network); false for a refused request. */
    readonly retryable: boolean,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'MessengerSendError';
  }

  get outsideWindow(): boolean {
    return this.graphError?.error_subcode === OUTSIDE_WINDOW_SUBCODE || this.graphError?.code === 10;
  }
}

export interface SendApiOptions {
  /** Graph API base URL with version, e.g. https://graph.facebook.com/v21.0 */
  graphUrl: string;
  pageAccessToken: string;
  /** Attempts after the first one. */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Waits between attempts; tests record the delays instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Messenger's Send API (`POST /me/messages`). Retries with exponential backoff on 5xx, rate limits
 * (HTTP 429 or Graph codes 4, 17, 32, 613) and network errors, honouring Retry-After; any other
 * refusal (a bad recipient, an expired token, the 24-hour rule) fails at once: retrying cannot help.
 */
export class MessengerSendApi {
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: SendApiOptions) {
    this.retries = options.retries ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 16_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async send(body: Record<string, unknown>): Promise<{ message_id?: string; recipient_id?: string }> {
    for (let attempt = 0; ; attempt++) {
      let failure: MessengerSendError;
      let retryAfterMs: number | undefined;
      try {
        const response = await fetch(`${this.options.graphUrl.replace(/\/$/, '')}/me/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.pageAccessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await response.text();
        const parsed = parseJson(text) as { error?: GraphError; message_id?: string; recipient_id?: string } | undefined;
        if (response.ok) return parsed ?? {};
        const graphError = parsed?.error;
        const rateLimited = response.status === 429 || (graphError?.code !== undefined && RATE_LIMIT_CODES.has(graphError.code));
        const retryable = response.status >= 500 || rateLimited || graphError?.is_transient === true;
        retryAfterMs = retryAfter(response.headers.get('retry-after'));
        failure = new MessengerSendError(
          `Send API answered ${response.status}${graphError ? ` (code ${graphError.code}${graphError.error_subcode ? `/${graphError.error_subcode}` : ''}): ${graphError.message}` : ''}`,
          response.status,
          graphError,
          retryable,
          attempt + 1,
        );
      } catch (error) {
        failure = new MessengerSendError(`Send API could not be reached: ${(error as Error).message}`, undefined, undefined, true, attempt + 1);
      }
      if (!failure.retryable || attempt >= this.retries) throw failure;
      await this.sleep(retryAfterMs ?? Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt));
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 60_000) : undefined;
}
