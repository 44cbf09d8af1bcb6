/** Readiness: can this process serve requests? Each dependency is checked with a short timeout. */
import { config } from './config.ts';
import { migrationStatus } from './db/migrations.ts';
import { getDriver } from './db/neo4j.ts';
import { queueHealth } from './queue-health.ts';
import { getRedis } from './redis.ts';

export interface Check {
  ok: boolean;
  detail?: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)
    )
  ]);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error);
}

export async function readiness(): Promise<{ ready: boolean; checks: Record<string, Check> }> {
  const checks: Record<string, Check> = {};
  const neo4j = async () => {
    try {
      await withTimeout(
        getDriver().executeQuery('RETURN 1', {}, { database: config().neo4j.database }),
        3000,
        'Neo4j'
      );
      checks.neo4j = { ok: true };
      const status = await migrationStatus(getDriver(), config().neo4j.database);
      checks.migrations =
        status.pending.length === 0
          ? { ok: true, detail: `${status.applied} applied` }
          : { ok: false, detail: `${status.pending.length} pending: run npm run migrate` };
    } catch (error) {
      checks.neo4j ??= { ok: false, detail: describe(error) };
      checks.migrations ??= { ok: false, detail: describe(error) };
    }
  };
  const redis = async () => {
    try {
      const pong = await withTimeout(getRedis().ping(), 2000, 'Redis');
      checks.redis = { ok: pong === 'PONG' };
    } catch (error) {
      checks.redis = { ok: false, detail: describe(error) };
    }
  };
  await Promise.all([neo4j(), redis()]);
  const ready = Object.values(checks).every((c) => c.ok);
  // Reported, never deciding readiness: a backlog of alerts is a reason to look, not to stop serving.
  try {
    const q = await withTimeout(queueHealth(), 2000, 'Queue health');
    const depths = Object.entries(q.queues).map(
      ([name, d]) => `${name} ${d.waiting}/${d.active}/${d.delayed}/${d.failed}`
    );
    checks.queues = {
      ok: true,
      detail: `waiting/active/delayed/failed: ${depths.join(', ')}; failed notifications ${q.failedNotifications}; oldest unpublished event ${q.oldestUnpublishedEventSeconds ?? 0} s`
    };
  } catch (error) {
    checks.queues = { ok: true, detail: `not available: ${describe(error)}` };
  }
  return { ready, checks };
}
