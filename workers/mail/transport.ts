/**
 * How the app and the workers send email. With RESEND_API_KEY set, mail goes through Resend;
 * without it, into a local outbox in Redis that /dev/outbox lists (development and tests).
 */
import { config } from '../../src/lib/server/config.ts';
import { LocalOutboxTransport } from './local-outbox.ts';
import { ResendTransport } from './resend-transport.ts';

export { MailError } from './mail-error.ts';

export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** The same key twice sends once (Resend remembers keys for 24 hours); 1–256 characters. */
  idempotencyKey?: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<{ id: string }>;
  sendBatch?(messages: MailMessage[]): Promise<{ ids: string[] }>;
}

let transport: MailTransport | undefined;

export function getMailTransport(): MailTransport {
  if (!transport) {
    const { apiKey, baseUrl, from } = config().resend;
    transport = apiKey
      ? new ResendTransport({ apiKey, baseUrl, from })
      : new LocalOutboxTransport({ from });
  }
  return transport;
}

/** Tests switch transports; the next getMailTransport() builds one from the configuration. */
export function resetMailTransport(): void {
  transport = undefined;
}
