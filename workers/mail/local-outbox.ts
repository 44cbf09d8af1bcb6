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

/**
 * Stores the email and claims its idempotency key in one step. Claiming first and storing after
 * (two commands) lost the email when the process died between them: the retry found the key
 * claimed and stored nothing (issue 15, finding 10). A Lua script runs atomically, so Redis holds
 * either both or neither; a retry after any crash stores the email exactly once. Returns the id
 * of the email stored under the key: this one, or the first sender's.
 * KEYS: the outbox list, then the idempotency key if any. ARGV: email JSON, its id, list limit,
 * key lifetime in seconds.
 */
const STORE = `
if KEYS[2] then
  local existing = redis.call('GET', KEYS[2])
  if existing then return existing end
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[4])
end
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[3]) - 1)
return ARGV[2]`;

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
    const email: OutboxEmail = {
      id: randomUUID(),
      from: this.from,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers ?? {},
      createdAt: new Date().toISOString()
    };
    const keys = message.idempotencyKey
      ? [listKey(), idempotencyKey(message.idempotencyKey)]
      : [listKey()];
    const id = await getRedis().eval(
      STORE,
      keys.length,
      ...keys,
      JSON.stringify(email),
      email.id,
      OUTBOX_LIMIT,
      IDEMPOTENCY_SECONDS
    );
    return { id: String(id) };
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
