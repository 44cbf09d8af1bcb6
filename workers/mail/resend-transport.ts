/**
 * Sends through Resend's API with its SDK. The SDK returns `{ data, error }` instead of throwing,
 * so every error is turned into a MailError here and the callers only deal with exceptions.
 * `baseUrl` points the SDK at another endpoint (a fake Resend in tests); left undefined, the SDK
 * reads RESEND_BASE_URL itself and falls back to https://api.resend.com.
 */
import { createHash } from 'node:crypto';
import {
  Resend,
  type CreateBatchRequestOptions,
  type CreateBatchResponse,
  type CreateEmailResponse
} from 'resend';
import { MailError } from './mail-error.ts';
import type { MailMessage, MailTransport } from './transport.ts';

/** Resend takes at most 100 emails per batch request. */
export const RESEND_BATCH_LIMIT = 100;

interface ResendErrorLike {
  statusCode: number | null;
  name: string;
  message: string;
}

export interface ResendTransportOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  from: string;
}

function retryAfter(headers: Record<string, string> | null): number | undefined {
  const raw = headers?.['retry-after'];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

export function toMailError(
  error: ResendErrorLike,
  headers: Record<string, string> | null
): MailError {
  return new MailError({
    statusCode: error.statusCode ?? null,
    name: error.name || 'application_error',
    message: error.message || 'Resend refused the email.',
    retryAfterSeconds: retryAfter(headers)
  });
}

/** The SDK catches fetch failures itself, but an abort or a bug in it could still throw. */
function networkError(cause: unknown): MailError {
  return new MailError({
    statusCode: null,
    name: 'network_error',
    message: `Could not reach Resend: ${cause instanceof Error ? cause.message : String(cause)}`
  });
}

/** One key for a batch, derived from its emails' keys, so retrying the same batch is idempotent. */
export function batchIdempotencyKey(messages: MailMessage[]): string | undefined {
  if (messages.length === 0 || messages.some((m) => !m.idempotencyKey)) return undefined;
  const joined = messages.map((m) => m.idempotencyKey).join('\n');
  return `batch-${createHash('sha256').update(joined).digest('hex')}`;
}

export class ResendTransport implements MailTransport {
  private readonly client: Resend;
  private readonly from: string;

  constructor(options: ResendTransportOptions) {
    this.client = new Resend(
      options.apiKey,
      options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/$/, '') } : undefined
    );
    this.from = options.from;
  }

  private payload(message: MailMessage) {
    return {
      from: this.from,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      ...(message.headers ? { headers: message.headers } : {})
    };
  }

  async send(message: MailMessage): Promise<{ id: string }> {
    let result: CreateEmailResponse;
    try {
      result = await this.client.emails.send(
        this.payload(message),
        message.idempotencyKey ? { idempotencyKey: message.idempotencyKey } : {}
      );
    } catch (cause) {
      throw networkError(cause);
    }
    if (result.error) throw toMailError(result.error, result.headers);
    return { id: result.data.id };
  }

  async sendBatch(messages: MailMessage[]): Promise<{ ids: string[] }> {
    const ids: string[] = [];
    for (let start = 0; start < messages.length; start += RESEND_BATCH_LIMIT) {
      const chunk = messages.slice(start, start + RESEND_BATCH_LIMIT);
      const key = batchIdempotencyKey(chunk);
      let result: CreateBatchResponse<CreateBatchRequestOptions>;
      try {
        result = await this.client.batch.send(
          chunk.map((m) => this.payload(m)),
          key ? { idempotencyKey: key } : {}
        );
      } catch (cause) {
        throw networkError(cause);
      }
      if (result.error) throw toMailError(result.error, result.headers);
      ids.push(...result.data.data.map((d) => d.id));
    }
    return { ids };
  }
}
