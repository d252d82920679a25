import { z } from 'zod';
import { BackendError } from './backend-error.js';

export interface FetchJsonOptions<T extends z.ZodType> {
  /** Names the service in errors: "order API". */
  service: string;
  url: string;
  timeoutMs: number;
  schema: T;
  headers?: Record<string, string>;
  /** Statuses that are an answer rather than a failure (404 for "no such order"); their body is not read. */
  acceptStatuses?: readonly number[];
}

export type FetchJsonResult<T> = { status: 200; data: T } | { status: number; data?: undefined };

/**
 * GET a JSON document and validate it. Every failure becomes a `BackendError` that says what went wrong
 * and where: the timeout, the status, the field that failed the schema. Bodies are never echoed into
 * the error, since order bodies carry personal data.
 */
export async function fetchJson<T extends z.ZodType>(options: FetchJsonOptions<T>): Promise<FetchJsonResult<z.output<T>>> {
  const { service, url, timeoutMs } = options;
  const where = redactUrl(url);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...options.headers }, signal: AbortSignal.timeout(timeoutMs) });
    if (response.status !== 200) {
      await response.body?.cancel();
      if (options.acceptStatuses?.includes(response.status)) return { status: response.status };
      throw new BackendError(service, 'unavailable', `GET ${where} answered ${response.status} ${response.statusText}`.trim());
    }
    // The timeout covers the body too: a server that sends headers and then stalls must not hang the turn.
    text = await response.text();
  } catch (error) {
    if (error instanceof BackendError) throw error;
    if (isTimeout(error)) throw new BackendError(service, 'timeout', `GET ${where} did not answer within ${timeoutMs} ms`, { cause: error });
    throw new BackendError(service, 'unavailable', `GET ${where} failed: ${causeOf(error)}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BackendError(service, 'invalid_data', `GET ${where} answered 200 with a body that is not JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    throw new BackendError(service, 'invalid_data', `GET ${where} answered with unexpected data: ${describeIssues(parsed.error)}`, { cause: parsed.error });
  }
  return { status: 200, data: parsed.data };
}

/** "outages[2].start must be a date-time; status must be one of ..." */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? formatIssuePath(issue.path) : 'the body'} ${issue.message}`)
    .join('; ')
    .concat(error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : '');
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** fetch() hides the real cause ("ECONNREFUSED 127.0.0.1:9") under "fetch failed". */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { message?: string } } | null)?.cause;
  const message = (error as Error | null)?.message ?? String(error);
  return cause?.message ? `${message} (${cause.message})` : message;
}

/** Query strings may carry API keys; logs get the path only. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}`;
  } catch {
    return url;
  }
}
