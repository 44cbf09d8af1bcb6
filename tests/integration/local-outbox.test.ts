/**
 * The development outbox against a real Redis (issue 15, finding 10): an email sent with an
 * idempotency key is stored exactly once, even when the process dies part-way through a send and
 * the job is retried.
 *
 * The crash is simulated at the Redis connection, so the test does not depend on how `send` is
 * split into steps: the first command Redis carries out is carried out, but its answer never
 * arrives and every later command fails, as when the process dies right after Redis acted. The
 * retry then runs on a healthy connection.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'ioredis';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { closeRedis, getRedis } from '../../src/lib/server/redis.ts';
import { LocalOutboxTransport, listOutbox } from '../../workers/mail/local-outbox.ts';
import '../support/db.ts';

const transport = new LocalOutboxTransport({ from: 'Teamaround <test@teamaround.example>' });

function message(to: string, idempotencyKey?: string) {
  return { to, subject: 'Outbox test', html: '<p>Hello</p>', text: 'Hello', idempotencyKey };
}

/** The process "dies" right after Redis carries out the next command. */
async function crashAfterFirstCommand(): Promise<void> {
  const redis = getRedis();
  await redis.ping();
  const original = redis.sendCommand.bind(redis);
  let crashed = false;
  vi.spyOn(redis, 'sendCommand').mockImplementation((command: Command, ...rest) => {
    if (crashed) {
      command.reject(new Error('connection lost (simulated crash)'));
      return command.promise;
    }
    // Redis.sendCommand is typed `unknown`; it returns the command's promise.
    return (original(command, ...rest) as Promise<unknown>).then(() => {
      crashed = true;
      throw new Error('connection lost (simulated crash)');
    });
  });
}

const sentTo = async (to: string) => (await listOutbox()).filter((e) => e.to === to);

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await closeRedis();
});

describe('the local outbox', () => {
  it('stores an email once when the process dies part-way through sending it', async () => {
    const to = `crash.${randomUUID()}@fixture.example`;
    const key = `outbox-test-${randomUUID()}`;

    await crashAfterFirstCommand();
    await expect(transport.send(message(to, key))).rejects.toThrow('simulated crash');
    vi.restoreAllMocks();

    const retried = await transport.send(message(to, key));
    const stored = await sentTo(to);
    expect(stored.map((e) => e.id)).toEqual([retried.id]);
  });

  it('stores an email once when the same key is sent twice, and answers with its id', async () => {
    const to = `twice.${randomUUID()}@fixture.example`;
    const key = `outbox-test-${randomUUID()}`;
    const first = await transport.send(message(to, key));
    const second = await transport.send(message(to, key));
    expect(second.id).toBe(first.id);
    expect((await sentTo(to)).map((e) => e.id)).toEqual([first.id]);
  });

  it('stores every email sent without a key', async () => {
    const to = `nokey.${randomUUID()}@fixture.example`;
    const first = await transport.send(message(to));
    const second = await transport.send(message(to));
    expect(second.id).not.toBe(first.id);
    expect((await sentTo(to)).map((e) => e.id)).toEqual([second.id, first.id]);
  });
});
