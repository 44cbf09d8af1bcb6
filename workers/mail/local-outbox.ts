/**
 * The development mail transport: rendered emails go into a Redis list (newest first, at most
 * 500) that /dev/outbox shows, so invitations and reset links work with no mail provider.
 * It honours idempotency keys like Resend does, so retries behave the same in development.
 */
import { randomUUID } from 'node:crypto';
import { getRedis, redisKey } from '../../src/lib/server/redis.ts';
import type { MailMessage, MailTransport } from './transport.ts';

export const OUTBOX_LIMIT = 500;
const IDEMPOTENCY_SECONDS = 24 * 3600;

export interface OutboxEmail {
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** ISO 8601. */
  createdAt: string;
}

const listKey = () => redisKey('mail-outbox');
const idempotencyKey = (key: string) => redisKey('mail-outbox-idempotency', key);

function parse(raw: string): OutboxEmail | null {
  try {
    return JSON.parse(raw) as OutboxEmail;
  } catch {
    return null;
  }
}

export class LocalOutboxTransport implements MailTransport {
  private readonly from: string;

  constructor(options: { from: string }) {
    this.from = options.from;
  }

  async send(message: MailMessage): Promise<{ id: string }> {
    const redis = getRedis();
    const id = randomUUID();
    if (message.idempotencyKey) {
      // The first sender claims the key; a retry gets the first email's id and stores nothing.
      const claimed = await redis.set(
        idempotencyKey(message.idempotencyKey),
        id,
        'EX',
        IDEMPOTENCY_SECONDS,
        'NX'
      );
      if (claimed === null) {
        const existing = await redis.get(idempotencyKey(message.idempotencyKey));
        if (existing) return { id: existing };
      }
    }
    const email: OutboxEmail = {
      id,
      from: this.from,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers ?? {},
      createdAt: new Date().toISOString()
    };
    await redis
      .multi()
      .lpush(listKey(), JSON.stringify(email))
      .ltrim(listKey(), 0, OUTBOX_LIMIT - 1)
      .exec();
    return { id };
  }

  async sendBatch(messages: MailMessage[]): Promise<{ ids: string[] }> {
    const ids: string[] = [];
    for (const message of messages) ids.push((await this.send(message)).id);
    return { ids };
  }
}

/** Newest first. */
export async function listOutbox(limit = OUTBOX_LIMIT): Promise<OutboxEmail[]> {
  const raw = await getRedis().lrange(listKey(), 0, Math.max(0, limit - 1));
  return raw.map(parse).filter((e): e is OutboxEmail => e !== null);
}

export async function getOutboxEmail(id: string): Promise<OutboxEmail | null> {
  return (await listOutbox()).find((e) => e.id === id) ?? null;
}
