/**
 * A failed send, whatever the transport. `retryable` tells the email worker whether a later
 * attempt can succeed (rate limits, Resend's own failures, the network) or never will (a bad
 * address, a bad key), so it can back off or give up at once.
 */
export class MailError extends Error {
  /** HTTP status from the provider, or null when no answer came back (network, timeout). */
  readonly statusCode: number | null;
  readonly retryable: boolean;
  /** Seconds the provider asked us to wait (its `retry-after` header), when it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(options: {
    statusCode: number | null;
    name: string;
    message: string;
    retryable?: boolean;
    retryAfterSeconds?: number;
  }) {
    super(options.message);
    // The provider's error code (rate_limit_exceeded, validation_error, ...), for logs and metrics.
    this.name = options.name;
    this.statusCode = options.statusCode;
    this.retryable = options.retryable ?? isRetryable(options.statusCode, options.name);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * 429 (rate limits and quotas), 5xx and no answer at all are worth retrying. A 409 for a request
 * with the same idempotency key still in progress is too: the retry returns the first answer.
 */
export function isRetryable(statusCode: number | null, name: string): boolean {
  if (statusCode === null) return true;
  if (statusCode === 429 || statusCode >= 500) return true;
  return statusCode === 409 && name === 'concurrent_idempotent_requests';
}
