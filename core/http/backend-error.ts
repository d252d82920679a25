/** Ways an external service can fail us; each gives the customer the same honest "I can't check that now". */
export const BACKEND_FAILURES = {
  /** No answer in time (`*_TIMEOUT_MS`). */
  timeout: 'timeout',
  /** Connection refused, DNS failure, a 5xx or another status the client does not expect. */
  unavailable: 'unavailable',
  /** An answer that is not JSON or does not match the schema. */
  invalid_data: 'invalid_data',
} as const;
export type BackendFailure = (typeof BACKEND_FAILURES)[keyof typeof BACKEND_FAILURES];

/**
 * An expected failure of an external service. `message` names the service, what failed and where
 * (URL or file, and the failing field for bad data), so one log line says everything; it is never shown
 * to a customer.
 */
export class BackendError extends Error {
  constructor(
    readonly service: string,
    readonly failure: BackendFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${service}: ${message}`, options);
    this.name = 'BackendError';
  }
}
