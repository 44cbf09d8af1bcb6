/**
 * Network explorer benchmark (standalone; not a test). Run on the development services:
 *
 *   npx tsx scripts/bench/network.bench.ts [--runs 30] [--skip-browser] [--skip-queries]
 *
 * 1. Queries, on the dev Neo4j (NEO4J_* as for `npm run dev`): `neighbourhood` for 2 hops capped
 *    at 300 people, against the same data fetched the way the generated @neo4j/graphql API allows
 *    (Client.team / Client.circle one level at a time: the client, then its circle members in
 *    batches that pass the cost limit), both through executeGraphQL (the in-process Apollo of the
 *    pages). Also the neighbourhood Cypher alone. p50/p95 over --runs runs after a warm-up.
 *    The data: a synthetic family cluster (a hub client, 60 circle members on the viewer's
 *    teams, 300 more behind them; 3 practitioners per team) created with unique ids and deleted
 *    afterwards, plus the demo practitioner's own family.
 * 2. Browser: time from navigation to the first paint of the laid-out graph (when it is on screen
 *    and answers clicks) in headless Chromium for 50, 300 and 1,000 synthetic nodes
 *    (/network/synthetic on the built app, started here on BENCH_PORT, default 3197;
 *    `npx vite build` first if the build is stale).
 *
 * graph/schema.ts loads its .graphql and .cypher files through Vite (`?raw`, import.meta.glob),
 * so the GraphQL stack is loaded with Vite's own SSR loader (a middleware-mode server, no HTTP),
 * as Vitest does; `npx vite-node` is not a dependency of the project.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServer, type ViteDevServer } from 'vite';
import type { Driver } from 'neo4j-driver';
import { chromium } from 'playwright-core';
import { buildIsStale } from '../lib/build-freshness.ts';
import { benchOptions } from './lib/options.ts';
import { percentile } from './lib/stats.ts';

const root = path.resolve(import.meta.dirname, '../..');
const options = benchOptions({
  runs: 30,
  'browser-runs': 5,
  'skip-queries': false,
  'skip-browser': false,
  json: false
});
const RUNS = options.runs;
const BROWSER_RUNS = options['browser-runs'];
const PORT = Number(process.env.BENCH_PORT || 3197);
const DEMO_EMAIL = 'practitioner@teamaround.example';
const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'teamaround-demo-2026';

interface Viewer {
  id: string;
  roles: string[];
}
type Execute = <T>(
  viewer: Viewer,
  query: string,
  variables?: Record<string, unknown>
) => Promise<T>;

async function time(label: string, runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const row = {
    label,
    runs,
    p50: Math.round(percentile(samples, 50) * 10) / 10,
    p95: Math.round(percentile(samples, 95) * 10) / 10
  };
  console.log(
    `  ${label.padEnd(58)} p50 ${String(row.p50).padStart(7)} ms   p95 ${String(row.p95).padStart(7)} ms`
  );
  return row;
}

// ---------------------------------------------------------------------------------------------
// Queries

const SPOKES = 60;
const LEAVES_PER_SPOKE = 5;
const AGENCIES = 6;

/** A family cluster big enough that two hops reach more than 300 people. */
async function createCluster(driver: Driver, database: string, tag: string) {
  const viewer = `bench-viewer-${tag}`;
  const hub = `bench-hub-${tag}`;
  await driver.executeQuery(
    `CREATE (v:Practitioner {id: $viewer, name: 'Bench Viewer', email: $viewer + '@bench.example',
       status: 'ACTIVE', roles: ['practitioner'], bench: $tag})
     WITH v
     UNWIND range(0, $agencies - 1) AS i
     CREATE (a:Agency {id: 'bench-agency-' + $tag + '-' + i, name: 'Bench Agency ' + i,
       kind: ['SCHOOL', 'GP', 'POLICE', 'HEALTH', 'HOUSING', 'EARLY_HELP'][i % 6], sensitive: false, bench: $tag})
     WITH v, collect(a) AS agencies
     UNWIND range(0, $agencies * 4 - 1) AS j
     WITH v, agencies, j, agencies[j % size(agencies)] AS a
     CREATE (p:Practitioner {id: 'bench-prac-' + $tag + '-' + j, name: 'Bench Worker ' + j,
       email: 'bench-' + $tag + '-' + j + '@bench.example', status: 'ACTIVE', roles: ['practitioner'], bench: $tag})
     CREATE (p)-[:WORKS_AT]->(a)`,
    { viewer, tag, agencies: AGENCIES },
    { database }
  );
  await driver.executeQuery(
    `MATCH (v:Practitioner {id: $viewer})
     CREATE (h:Client {id: $hub, givenName: 'Hub', familyName: 'Bench', aliases: [], bench: $tag})
     CREATE (v)-[:MEMBER_OF {since: datetime(), reason: 'bench', restricted: false, lead: true}]->(h)
     WITH v, h
     UNWIND range(0, $spokes - 1) AS s
     CREATE (c:Client {id: 'bench-spoke-' + $tag + '-' + s, givenName: 'Spoke' + s, familyName: 'Bench', aliases: [], bench: $tag})
     CREATE (h)-[:IN_CIRCLE {kind: ['FAMILY', 'HOUSEHOLD', 'SIGNIFICANT'][s % 3], label: 'relative', reciprocal: 'relative'}]->(c)
     CREATE (v)-[:MEMBER_OF {since: datetime(), reason: 'bench', restricted: false, lead: false}]->(c)
     WITH c, s
     UNWIND range(0, $leaves - 1) AS l
     CREATE (leaf:Client {id: 'bench-leaf-' + $tag + '-' + s + '-' + l, givenName: 'Leaf' + l, familyName: 'Bench' + s, aliases: [], bench: $tag})
     CREATE (c)-[:IN_CIRCLE {kind: 'FAMILY', label: 'cousin', reciprocal: 'cousin'}]->(leaf)`,
    { viewer, hub, tag, spokes: SPOKES, leaves: LEAVES_PER_SPOKE },
    { database }
  );
  // Three practitioners on every team the viewer is on, and on every leaf's team.
  await driver.executeQuery(
    `MATCH (c:Client {bench: $tag})
     WITH c, toInteger(rand() * 1000) AS r
     MATCH (p:Practitioner {bench: $tag}) WHERE p.id STARTS WITH 'bench-prac-'
     WITH c, r, collect(p) AS pool
     UNWIND [pool[r % size(pool)], pool[(r + 7) % size(pool)], pool[(r + 13) % size(pool)]] AS p
     WITH DISTINCT c, p
     CREATE (p)-[:MEMBER_OF {since: datetime(), reason: 'bench', restricted: false, lead: false}]->(c)`,
    { tag },
    { database }
  );
  return { viewer: { id: viewer, roles: ['practitioner'] }, hub };
}

const NEIGHBOURHOOD = `query N($clientId: ID!, $depth: Int, $limit: Int) {
  neighbourhood(clientId: $clientId, depth: $depth, limit: $limit) {
    centreId truncated
    people { clientId givenName familyName distance viewerIsMember
      team { masked lead restricted practitionerId dutyPhone } }
    links { fromId toId kind label reciprocal }
    practitioners { practitionerId name jobTitle phone email agencyId }
    agencies { agencyId name kind phone dutyPhone }
  }
}`;

const NESTED_FIELDS = `id givenName familyName viewerIsMember
  team { masked name practitionerId agencyId agencyName agencyKind dutyPhone }
  circle { clientId givenName familyName kind label viewerIsMember }`;
const NESTED_ONE = `query One($id: ID!) { client(id: $id) { ${NESTED_FIELDS} } }`;
/**
 * Several clients by id, one aliased Query.client each (there is no root that lists clients):
 * `c0: client(id: $id0) { ... } c1: ...`.
 */
function nestedMany(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$id${i}: ID!`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `c${i}: client(id: $id${i}) { ${NESTED_FIELDS} }`
  ).join('\n  ');
  return `query Many(${vars}) {\n  ${fields}\n}`;
}
/** The API allows 30 aliases per operation; 25 clients x (team + circle) is well under its cost limit. */
const BATCH = 25;

interface NestedClient {
  id: string;
  circle: { clientId: string; viewerIsMember: boolean }[];
}

/**
 * Two hops with the generated API: the client with its team and circle, then the circle
 * members' teams and circles (batched under the cost limit), capped at 300 people like the
 * neighbourhood query. Returns how many people it reached.
 */
async function nestedTwoHops(execute: Execute, viewer: Viewer, clientId: string): Promise<number> {
  const first = await execute<{ client: NestedClient | null }>(viewer, NESTED_ONE, {
    id: clientId
  });
  const centre = first.client;
  if (!centre) throw new Error('nested: no such client');
  const members = centre.circle.filter((c) => c.viewerIsMember).map((c) => c.clientId);
  const seen = new Set([clientId, ...centre.circle.map((c) => c.clientId)]);
  const batches: string[][] = [];
  for (let i = 0; i < members.length; i += BATCH) batches.push(members.slice(i, i + BATCH));
  const answers = await Promise.all(
    batches.map((ids) =>
      execute<Record<string, NestedClient | null>>(
        viewer,
        nestedMany(ids.length),
        Object.fromEntries(ids.map((id, i) => [`id${i}`, id]))
      )
    )
  );
  for (const answer of answers) {
    for (const client of Object.values(answer)) {
      if (!client) continue;
      for (const other of client.circle) if (seen.size < 300) seen.add(other.clientId);
    }
  }
  return seen.size;
}

async function benchQueries() {
  console.log('\nQueries (dev Neo4j)');
  const vite: ViteDevServer = await createServer({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    appType: 'custom',
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false, watch: null }
  });
  const tag = randomUUID().slice(0, 8);
  const results: Record<string, unknown>[] = [];
  let driver: Driver | undefined;
  let database = 'neo4j';
  try {
    const neo4j = (await vite.ssrLoadModule('/src/lib/server/db/neo4j.ts')) as {
      getDriver(): Driver;
      database(): string;
      closeDriver(): Promise<void>;
    };
    const { executeGraphQL } = (await vite.ssrLoadModule('/src/lib/server/graphql/execute.ts')) as {
      executeGraphQL: Execute;
    };
    const { default: cypher } = (await vite.ssrLoadModule(
      '/cypher/queries/neighbourhood.cypher?raw'
    )) as { default: string };
    driver = neo4j.getDriver();
    database = neo4j.database();
    const { viewer, hub } = await createCluster(driver, database, tag);

    const probe = await executeGraphQL<{
      neighbourhood: { people: unknown[]; truncated: boolean };
    }>(viewer, NEIGHBOURHOOD, { clientId: hub, depth: 2, limit: 300 });
    console.log(
      `  synthetic cluster: ${probe.neighbourhood.people.length} people returned (truncated: ${probe.neighbourhood.truncated}); nested API reaches ${await nestedTwoHops(executeGraphQL, viewer, hub)}`
    );
    results.push(
      await time('neighbourhood(depth 2, limit 300), GraphQL', RUNS, () =>
        executeGraphQL(viewer, NEIGHBOURHOOD, { clientId: hub, depth: 2, limit: 300 })
      ),
      await time('neighbourhood Cypher alone (driver)', RUNS, () =>
        driver!.executeQuery(
          cypher,
          { viewerId: viewer.id, clientId: hub, depth: 2, limit: 300, teamLimit: 100 },
          { database, routing: 'READ' }
        )
      ),
      await time('generated API, clients{team circle} x 2 hops (batched)', RUNS, () =>
        nestedTwoHops(executeGraphQL, viewer, hub)
      )
    );

    const demo = await driver.executeQuery(
      `MATCH (p:Practitioner {email: $email})-[m:MEMBER_OF]->(c:Client) WHERE m.until IS NULL
       RETURN p.id AS viewer, c.id AS client ORDER BY COUNT { (c)-[:IN_CIRCLE]-() } DESC LIMIT 1`,
      { email: DEMO_EMAIL },
      { database }
    );
    const row = demo.records[0];
    if (row) {
      const demoViewer = { id: String(row.get('viewer')), roles: ['practitioner'] };
      const client = String(row.get('client'));
      console.log('  demo family (practitioner@):');
      results.push(
        await time('  neighbourhood(depth 2), GraphQL', RUNS, () =>
          executeGraphQL(demoViewer, NEIGHBOURHOOD, { clientId: client, depth: 2, limit: 300 })
        ),
        await time('  generated API x 2 hops', RUNS, () =>
          nestedTwoHops(executeGraphQL, demoViewer, client)
        )
      );
    }
  } finally {
    if (driver) {
      await driver.executeQuery('MATCH (n {bench: $tag}) DETACH DELETE n', { tag }, { database });
    }
    const neo4j = (await vite.ssrLoadModule('/src/lib/server/db/neo4j.ts')) as {
      closeDriver(): Promise<void>;
    };
    await neo4j.closeDriver();
    await vite.close();
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Browser

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

async function startApp(): Promise<ChildProcess> {
  if (buildIsStale(root)) {
    console.log('  building the app (npx vite build)...');
    const built = spawnSync('npx', ['vite', 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' }
    });
    if (built.status !== 0) throw new Error('vite build failed');
  }
  const base = `http://127.0.0.1:${PORT}`;
  const child = spawn(process.execPath, ['scripts/serve-build.js', 'build'], {
    cwd: root,
    // Development settings: the synthetic page is refused in production.
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(PORT),
      ORIGIN: base
    },
    stdio: ['ignore', 'ignore', 'inherit']
  });
  const deadline = Date.now() + 60_000;
  while (!(await healthy(`${base}/healthz`))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('the app did not start');
    await new Promise((r) => setTimeout(r, 300));
  }
  return child;
}

async function benchBrowser() {
  console.log(
    '\nBrowser (headless Chromium, built app, navigation to the painted, laid-out graph)'
  );
  const app = await startApp();
  const base = `http://127.0.0.1:${PORT}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu']
  });
  const results: Record<string, unknown>[] = [];
  try {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 } })
    ).newPage();
    await page.goto(`${base}/login`);
    await page.fill('#email', DEMO_EMAIL);
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 60_000 }),
      page.click('form button[type=submit]')
    ]);
    for (const n of [50, 300, 1000]) {
      const ready: number[] = [];
      const layout: number[] = [];
      let nodes = 0;
      for (let i = 0; i < BROWSER_RUNS + 1; i++) {
        await page.goto(`${base}/network/synthetic?n=${n}`);
        const timing = page.locator('.timing[data-ready-ms]');
        await timing.waitFor({ timeout: 120_000 });
        if (i === 0) continue; // warm-up: caches, JIT
        ready.push(Number(await timing.getAttribute('data-ready-ms')));
        layout.push(Number(await timing.getAttribute('data-layout-ms')));
        nodes = Number(await timing.getAttribute('data-nodes'));
      }
      ready.sort((a, b) => a - b);
      layout.sort((a, b) => a - b);
      const row = {
        label: `${n} synthetic nodes (${nodes} drawn)`,
        p50: percentile(ready, 50),
        p95: percentile(ready, 95),
        layoutP50: percentile(layout, 50)
      };
      console.log(
        `  ${row.label.padEnd(34)} navigation→painted p50 ${String(row.p50).padStart(6)} ms  p95 ${String(row.p95).padStart(6)} ms  (layout alone p50 ${row.layoutP50} ms)`
      );
      results.push(row);
    }
  } finally {
    await browser.close();
    app.kill('SIGTERM');
  }
  return results;
}

async function main() {
  const loadavg = (await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`Network benchmark, ${new Date().toISOString()}, load average ${loadavg}`);
  const out: Record<string, unknown> = {};
  if (!options['skip-queries']) out.queries = await benchQueries();
  if (!options['skip-browser']) out.browser = await benchBrowser();
  if (options.json) console.log(JSON.stringify(out, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
