/**
 * How a failed send is handled, for single emails and digest batches alike:
 * - 429: the whole email queue pauses for the provider's `retry-after`, and the job goes back to
 *   waiting without using an attempt (BullMQ's manual rate limit);
 * - 409 `invalid_idempotent_request`: the key was already used, so an earlier attempt reached the
 *   provider: the email went out, and is recorded as sent;
 * - network errors, timeouts, 5xx, 409 `concurrent_idempotent_requests`: thrown, so BullMQ
 *   retries with exponential backoff; the last attempt records the notification as FAILED;
 * - anything else (validation, bad key): FAILED with the error's name, and UnrecoverableError.
 */
import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import { MailError } from '../mail/transport.ts';

export type FailureOutcome = { kind: 'already-sent' };

export interface FailureHooks {
  /** Records the permanent failure (notification or digests FAILED with the error's name). */
  markFailed(errorName: string): Promise<void>;
}

export function asMailError(error: unknown): MailError {
  if (error instanceof MailError) return error;
  return new MailError({
    statusCode: null,
    name: 'network_error',
    message: error instanceof Error ? error.message : String(error)
  });
}

export async function handleMailFailure(
  error: unknown,
  job: Job,
  emailQueue: Queue,
  hooks: FailureHooks
): Promise<FailureOutcome> {
  const mail = asMailError(error);
  if (mail.statusCode === 409 && mail.name === 'invalid_idempotent_request')
    return { kind: 'already-sent' };
  if (mail.statusCode === 429) {
    const waitMs = Math.max(1000, Math.ceil((mail.retryAfterSeconds ?? 1) * 1000));
    // Queue.rateLimit is BullMQ 6's replacement for the deprecated Worker.rateLimit: same key.
    await emailQueue.rateLimit(waitMs);
    throw Worker.RateLimitError();
  }
  if (mail.retryable) {
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade + 1 >= attempts) await hooks.markFailed(mail.name);
    throw mail;
  }
  await hooks.markFailed(mail.name);
  throw new UnrecoverableError(`${mail.name}: ${mail.message}`);
}

/** Abandons a provider call that hangs; the retry reuses the idempotency key, so nothing doubles. */
export async function withSendTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new MailError({
            statusCode: null,
            name: 'timeout',
            message: `No answer from the mail provider within ${ms} ms`
          })
        ),
      ms
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    // The abandoned call may still settle later; nobody is listening then.
    work.catch(() => undefined);
  }
}
