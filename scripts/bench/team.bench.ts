/**
 * Benchmark (not a test): the server loads of the team page (/clients/[id]) and the circle tab
 * (/clients/[id]/circle) on the development database at its current size, p50/p95/p99.
 *
 *   npx tsx scripts/bench/team.bench.ts [--iterations 300] [--warmup 30] [--sample 60]
 *
 * The route modules are loaded through Vite (as `vite dev` would, so `$lib`, `?raw` and
 * `import.meta.glob` work) and their `load` is called with a signed-in viewer, exactly as
 * SvelteKit calls it: access check, GraphQL operations and the audit record. Viewers and clients
 * are current memberships sampled from the database. The audit records the benchmark writes are
 * marked `ip: 'benchmark'` and deleted at the end so they do not pollute access reports.
 */
import { performance } from 'node:perf_hooks';
import type { Driver } from 'neo4j-driver';
import { createServer } from 'vite';
import { benchOptions } from './lib/options.ts';
import { ascending, mean, percentile } from './lib/stats.ts';

const {
  iterations: ITERATIONS,
  warmup: WARMUP,
  sample: SAMPLE
} = benchOptions({ iterations: 300, warmup: 30, sample: 60 });
const BENCH_IP = 'benchmark';

interface Membership {
  viewerId: string;
  clientId: string;
}

type Load = (event: unknown) => Promise<unknown>;

function summary(name: string, timings: number[]): string {
  const sorted = ascending(timings);
  const f = (n: number) => `${n.toFixed(1)} ms`;
  return `${name.padEnd(28)} n=${timings.length}  p50 ${f(percentile(sorted, 50))}  p95 ${f(
    percentile(sorted, 95)
  )}  p99 ${f(percentile(sorted, 99))}  mean ${f(mean(timings))}  max ${f(sorted.at(-1) ?? NaN)}`;
}

async function main(): Promise<void> {
  const vite = await createServer({
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: 'custom',
    logLevel: 'error'
  });
  try {
    const db = (await vite.ssrLoadModule('/src/lib/server/db/neo4j.ts')) as {
      getDriver: () => Driver;
      database: () => string;
      closeDriver: () => Promise<void>;
    };
    const team = (await vite.ssrLoadModule('/src/routes/clients/[id]/+page.server.ts')) as {
      load: Load;
    };
    const circle = (await vite.ssrLoadModule(
      '/src/routes/clients/[id]/circle/+page.server.ts'
    )) as { load: Load };
    const driver = db.getDriver();
    const database = db.database();

    const { records: sizes } = await driver.executeQuery(
      `CALL () { MATCH (c:Client) RETURN count(c) AS clients }
       CALL () { MATCH (p:Practitioner) RETURN count(p) AS practitioners }
       CALL () { MATCH ()-[m:MEMBER_OF]->() RETURN count(m) AS memberships }
       CALL () { MATCH ()-[r:IN_CIRCLE]->() RETURN count(r) AS links }
       CALL () { MATCH (e:Event) RETURN count(e) AS events }
       RETURN clients, practitioners, memberships, links, events`,
      {},
      { database, routing: 'READ' }
    );
    console.log('[bench] database:', JSON.stringify(sizes[0]?.toObject()));

    // Current memberships of active practitioners, favouring clients with a circle.
    const { records } = await driver.executeQuery(
      `MATCH (p:Practitioner {status: 'ACTIVE'})-[m:MEMBER_OF]->(c:Client)
       WHERE m.until IS NULL AND EXISTS { (c)-[:IN_CIRCLE]-() }
       WITH p, c, rand() AS r ORDER BY r LIMIT toInteger($sample)
       RETURN p.id AS viewerId, c.id AS clientId`,
      { sample: SAMPLE },
      { database, routing: 'READ' }
    );
    const sample: Membership[] = records.map((r) => ({
      viewerId: r.get('viewerId') as string,
      clientId: r.get('clientId') as string
    }));
    if (sample.length === 0)
      throw new Error('No memberships to benchmark: seed the database first.');

    const users = new Map<string, { id: string; roles: string[]; agencyId?: string }>();
    const { records: people } = await driver.executeQuery(
      `UNWIND $ids AS id MATCH (p:Practitioner {id: id})
       OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Agency)
       RETURN p.id AS id, p.name AS name, p.email AS email, coalesce(p.roles, ['practitioner']) AS roles,
         a.id AS agencyId`,
      { ids: [...new Set(sample.map((s) => s.viewerId))] },
      { database, routing: 'READ' }
    );
    const sessionUsers = new Map<string, Record<string, unknown>>();
    for (const r of people) {
      const id = r.get('id') as string;
      users.set(id, {
        id,
        roles: r.get('roles') as string[],
        agencyId: r.get('agencyId') ?? undefined
      });
      sessionUsers.set(id, { ...r.toObject(), status: 'ACTIVE' });
    }

    function event(m: Membership, path: string) {
      const url = new URL(`http://127.0.0.1${path}`);
      return {
        params: { id: m.clientId },
        url,
        locals: {
          requestId: 'bench',
          viewer: users.get(m.viewerId),
          user: sessionUsers.get(m.viewerId)
        },
        getClientAddress: () => BENCH_IP,
        request: new Request(url),
        cookies: { get: () => undefined },
        setHeaders: () => undefined,
        depends: () => undefined,
        parent: async () => ({}),
        untrack: <T>(fn: () => T) => fn()
      };
    }

    async function measure(name: string, load: Load, suffix: string): Promise<string> {
      for (let i = 0; i < WARMUP; i++) {
        const m = sample[i % sample.length] as Membership;
        await load(event(m, `/clients/${m.clientId}${suffix}`));
      }
      const timings: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const m = sample[i % sample.length] as Membership;
        const started = performance.now();
        const data = (await load(event(m, `/clients/${m.clientId}${suffix}`))) as {
          member?: boolean;
        };
        timings.push(performance.now() - started);
        if (data.member !== true) throw new Error(`${name}: the member saw a non-member page`);
      }
      return summary(name, timings);
    }

    const lines = [
      await measure('team page load', team.load, ''),
      await measure('circle tab load', circle.load, '/circle')
    ];
    console.log(
      `[bench] ${sample.length} memberships, ${WARMUP} warm-up + ${ITERATIONS} timed loads each`
    );
    for (const line of lines) console.log(`[bench] ${line}`);

    const { records: removed } = await driver.executeQuery(
      `MATCH (e:Event:Audit {ip: $ip}) WITH e LIMIT 100000 DETACH DELETE e RETURN count(*) AS n`,
      { ip: BENCH_IP },
      { database }
    );
    console.log(`[bench] removed ${removed[0]?.get('n')} benchmark audit records`);
    await db.closeDriver();
  } finally {
    await vite.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);
