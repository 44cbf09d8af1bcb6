/**
 * Dashboard benchmark (not a test): a district's dashboard as the page serves it (from its weekly
 * snapshot) against computing the same figures from scratch, in the same run; and the time to
 * refresh the snapshot (what the weekly job does per area).
 *
 *   npx tsx scripts/bench/dashboard.bench.ts [--area NSW-D-western-sydney] [--runs 20]
 *     [--viewer lead@teamaround.example] [--refreshes 5] [--everywhere]
 *
 * Uses the configured Neo4j (NEO4J_* variables; by default the development database). Writes only
 * DashboardSnapshot nodes (the area's snapshot of this week, as the job would). Needs migration
 * V0008 (`npm run migrate`). `--everywhere` also times one snapshot of "everywhere".
 */
import { performance } from 'node:perf_hooks';
import { config } from '../../src/lib/server/config.ts';
import { periodStart } from '../../src/lib/dashboard/period.ts';
import { closeDriver, database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import { computeSnapshot } from '../../src/lib/server/dashboard/compute.ts';
import { getDashboard } from '../../src/lib/server/dashboard/dashboard.service.ts';
import { readAreaTree } from '../../src/lib/server/dashboard/fetch.ts';
import { presentDashboard } from '../../src/lib/server/dashboard/present.ts';
import { closeSnapshotQueue } from '../../src/lib/server/dashboard/refresh-queue.ts';
import { refreshSnapshot } from '../../src/lib/server/dashboard/snapshot.ts';
import { ROOT_CODE } from '../../src/lib/server/dashboard/types.ts';
import { benchOptions } from './lib/options.ts';
import { percentile } from './lib/stats.ts';

interface Timing {
  name: string;
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

async function time(name: string, runs: number, work: () => Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    name,
    runs,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: samples.at(-1) ?? Number.NaN
  };
}

const ms = (n: number) => `${n.toFixed(n < 100 ? 1 : 0)} ms`;

async function main(): Promise<void> {
  const options = benchOptions({
    area: 'NSW-D-western-sydney',
    runs: 20,
    refreshes: 5,
    viewer: 'lead@teamaround.example',
    everywhere: false
  });
  const db = { driver: getDriver(), database: database() };
  const { records } = await db.driver.executeQuery(
    `MATCH (p:Practitioner {email: $email}) RETURN p.id AS id, p.roles AS roles`,
    { email: options.viewer },
    { database: db.database, routing: 'READ' }
  );
  const viewer = records[0]?.toObject() as { id: string; roles: string[] } | undefined;
  if (!viewer) throw new Error(`No account ${options.viewer}: seed the database first.`);
  const tree = await readAreaTree(db, options.area);
  if (!tree) throw new Error(`No area ${options.area}.`);
  const [size] = (
    await db.driver.executeQuery(
      // Counted once, not per client: a COUNT subquery beside count() would run for every row.
      `MATCH (c:Client) WHERE c.councilCode IN $councils
       WITH c, COUNT { (c)<-[:MEMBER_OF]-(:Practitioner) } AS members
       RETURN count(c) AS clients, sum(members) AS memberships`,
      { councils: tree.councils },
      { database: db.database, routing: 'READ' }
    )
  ).records.map((r) => r.toObject() as { clients: number; memberships: number });
  const [total] = (
    await db.driver.executeQuery(
      `MATCH (c:Client) RETURN count(c) AS clients`,
      {},
      {
        database: db.database,
        routing: 'READ'
      }
    )
  ).records.map((r) => r.get('clients') as number);

  console.log(
    `Dashboard benchmark on ${config().neo4j.uri} (${total} clients in the database): ` +
      `${tree.area.name} (${tree.area.code}), ${tree.councils.length} council areas, ` +
      `${size?.clients} clients, ${size?.memberships} memberships (current and past).`
  );

  // The first snapshot of the week, so the page below reads rather than computes.
  console.log('Computing the first snapshot of the week...');
  await refreshSnapshot(db, options.area);
  const actor = { id: viewer.id, roles: viewer.roles };
  const args = { area: options.area, period: '12w' };
  // Warm-up: the driver's connections, Neo4j's page cache and query plans.
  for (let i = 0; i < 3; i++) await getDashboard(actor, args, { path: '/bench' });

  const fromSnapshot = await time('dashboard from the snapshot', options.runs, async () => {
    const result = await getDashboard(actor, args, { path: '/bench' });
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
  });
  const fromScratch = await time('same figures from scratch', options.runs, async () => {
    const now = new Date();
    const figures = await computeSnapshot(db, tree, now);
    presentDashboard({
      area: tree.area,
      breadcrumbs: tree.ancestors,
      myAreas: [],
      period: '12w',
      periodStart: periodStart(now, '12w'),
      snapshot: figures,
      children: [],
      canRefresh: false
    });
  });
  const refresh = await time('snapshot refresh (compute + store)', options.refreshes, () =>
    refreshSnapshot(db, options.area)
  );
  const timings = [fromSnapshot, fromScratch, refresh];
  if (options.everywhere) {
    timings.push(
      await time('snapshot refresh of everywhere', 1, () => refreshSnapshot(db, ROOT_CODE))
    );
  }

  console.log('');
  console.log('| what | runs | p50 | p95 | max |');
  console.log('|---|---:|---:|---:|---:|');
  for (const t of timings) {
    console.log(`| ${t.name} | ${t.runs} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.max)} |`);
  }
  console.log('');
  console.log(
    `From the snapshot is ${(fromScratch.p50 / fromSnapshot.p50).toFixed(0)}x faster at p50 ` +
      `(${(fromScratch.p95 / fromSnapshot.p95).toFixed(0)}x at p95).`
  );
  console.log(JSON.stringify({ area: options.area, clients: size?.clients, timings }));
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await closeSnapshotQueue();
    await closeDriver();
  });
