/**
 * Search latency benchmark (not a test): the search service with an area filter, as the /search
 * page runs it, against a naive `CONTAINS` query over the same clients in the same run.
 *
 *   npx tsx scripts/bench/search.bench.ts [--runs 200] [--viewer practitioner@teamaround.example] [--area <code>]
 *
 * Uses the configured Neo4j (NEO4J_* variables; by default the development database) and only
 * reads. Queries are built from clients sampled inside the area: their full name, the same with a
 * typo (two letters swapped), a three-letter prefix of the family name, and name plus date of
 * birth. "found" is how often the sampled client was among the results: CONTAINS cannot forgive a
 * typo, a missing accent or a date typed day first.
 */
import { performance } from 'node:perf_hooks';
import { formatIsoDate } from '../../src/lib/search/dob.ts';
import { config } from '../../src/lib/server/config.ts';
import { closeDriver, database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import { SearchService } from '../../src/lib/server/search/search.service.ts';
import { benchOptions } from './lib/options.ts';
import { mean, percentile } from './lib/stats.ts';

interface Target {
  id: string;
  givenName: string;
  familyName: string;
  dob: string | null;
}

interface Case {
  kind: 'full name' | 'typo' | 'prefix' | 'name + dob';
  q: string;
  target: string;
  /** The lower-case words the naive query looks for. */
  words: string[];
}

function typo(word: string): string {
  if (word.length < 5) return word;
  const i = Math.floor(word.length / 2);
  return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
}

function cases(targets: Target[]): Case[] {
  const list: Case[] = [];
  for (const t of targets) {
    const full = `${t.givenName} ${t.familyName}`;
    list.push({ kind: 'full name', q: full, target: t.id, words: [t.givenName, t.familyName] });
    list.push({
      kind: 'typo',
      q: `${t.givenName} ${typo(t.familyName)}`,
      target: t.id,
      words: [t.givenName, typo(t.familyName)]
    });
    list.push({
      kind: 'prefix',
      q: t.familyName.slice(0, 3),
      target: t.id,
      words: [t.familyName.slice(0, 3)]
    });
    if (t.dob) {
      list.push({
        kind: 'name + dob',
        q: `${t.familyName} ${formatIsoDate(t.dob)}`,
        target: t.id,
        words: [t.familyName, formatIsoDate(t.dob)]
      });
    }
  }
  return list.map((c) => ({ ...c, words: c.words.map((w) => w.toLowerCase()) }));
}

// What a search box without a full-text index would do: every word must appear in some name.
const NAIVE = `
MATCH (c:Client)
WHERE c.councilCode IN $within
  AND all(word IN $words WHERE
    toLower(c.givenName) CONTAINS word OR toLower(c.familyName) CONTAINS word
    OR toLower(coalesce(c.preferredName, '')) CONTAINS word
    OR toLower(coalesce(c.aliasesText, '')) CONTAINS word)
RETURN c.id AS id, c.givenName AS givenName, c.familyName AS familyName, toString(c.dob) AS dob,
  c.councilCode AS councilCode
ORDER BY c.familyName, c.givenName
LIMIT 20`;

// The same without the area filter: every client is read.
const NAIVE_ALL = NAIVE.replace('WHERE c.councilCode IN $within\n  AND', 'WHERE');

interface Row {
  name: string;
  times: number[];
  found: number;
  total: number;
  /** Runs that failed (a timeout on a busy machine): counted, not timed. */
  errors: number;
}

async function measure(
  name: string,
  list: Case[],
  runs: number,
  warmup: number,
  run: (c: Case) => Promise<string[]>
): Promise<Row> {
  for (let i = 0; i < warmup; i++) await run(list[i % list.length] as Case).catch(() => []);
  const times: number[] = [];
  let found = 0;
  let errors = 0;
  for (let i = 0; i < runs; i++) {
    const c = list[i % list.length] as Case;
    const started = performance.now();
    try {
      const ids = await run(c);
      times.push(performance.now() - started);
      if (ids.includes(c.target)) found++;
    } catch (error) {
      errors++;
      console.error(`  ${name}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    }
  }
  return { name, times: times.sort((a, b) => a - b), found, total: runs, errors };
}

function table(rows: Row[]): string {
  const header = ['query', 'runs', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms', 'found', 'errors'];
  const body = rows.map((r) => [
    r.name,
    String(r.total),
    percentile(r.times, 50).toFixed(1),
    percentile(r.times, 95).toFixed(1),
    percentile(r.times, 99).toFixed(1),
    mean(r.times).toFixed(1),
    `${((100 * r.found) / r.total).toFixed(0)}%`,
    String(r.errors)
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (row[i] ?? '').length))
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const options = benchOptions({
    runs: 200,
    warmup: 30,
    viewer: 'practitioner@teamaround.example',
    area: undefined as string | undefined,
    sample: 60
  });
  const driver = getDriver();
  const db = database();
  const read = async (query: string, params: Record<string, unknown>) =>
    (await driver.executeQuery(query, params, { database: db, routing: 'READ' })).records;

  const [viewerRow] = await read(
    `MATCH (p:Practitioner) WHERE p.email = $key OR p.id = $key
     OPTIONAL MATCH (p)-[:COVERS]->(a:Area)
     RETURN p.id AS id, collect(a.code) AS areas`,
    { key: options.viewer }
  );
  if (!viewerRow)
    throw new Error(`No practitioner ${options.viewer}: seed the database first (npm run seed).`);
  const viewerId = viewerRow.get('id') as string;
  const area = options.area ?? (viewerRow.get('areas') as string[])[0];
  if (!area) throw new Error('The viewer covers no areas: pass --area <code>.');

  const service = new SearchService(driver, db);
  const [filterRow] = await read(
    `MATCH (a:Area {code: $area})
     OPTIONAL MATCH (below:Area)-[:PART_OF*1..2]->(a)
     WITH a, collect(below.code) AS below
     RETURN a.name AS name, a.level AS level, [a.code] + below AS within`,
    { area }
  );
  const within = (filterRow?.get('within') as string[] | undefined) ?? [area];
  const [sizes] = await read(
    `CALL () { MATCH (c:Client) RETURN count(c) AS clients }
     CALL () { MATCH (c:Client) WHERE c.councilCode IN $within RETURN count(c) AS inArea }
     CALL () { MATCH (p:Practitioner) RETURN count(p) AS practitioners }
     CALL () { MATCH (a:Agency) RETURN count(a) AS agencies }
     RETURN clients, inArea, practitioners, agencies`,
    { within }
  );
  const targets = (
    await read(
      `MATCH (c:Client) WHERE c.councilCode IN $within AND size(c.familyName) >= 5
       WITH c ORDER BY c.id LIMIT 5000
       WITH c, rand() AS r ORDER BY r LIMIT toInteger($n)
       RETURN c.id AS id, c.givenName AS givenName, c.familyName AS familyName, toString(c.dob) AS dob`,
      { within, n: options.sample }
    )
  ).map((r) => r.toObject() as Target);
  if (targets.length === 0) throw new Error(`No clients in area ${area}.`);
  const list = cases(targets);

  console.log(
    `Neo4j ${config().neo4j.uri} (${db}): ${sizes?.get('clients')} clients (${sizes?.get('inArea')} in the area), ` +
      `${sizes?.get('practitioners')} practitioners, ${sizes?.get('agencies')} agencies.`
  );
  console.log(
    `Viewer ${options.viewer}; area filter ${area} (${filterRow?.get('name')}, ${filterRow?.get('level')}, ` +
      `${within.length} area codes); ${targets.length} sampled clients, ${list.length} queries ` +
      `cycled; ${options.warmup} warm-up + ${options.runs} timed runs per row.\n`
  );

  const rows: Row[] = [];
  rows.push(
    await measure(
      'service: all types, area filter',
      list,
      options.runs,
      options.warmup,
      async (c) =>
        (await service.search(viewerId, { q: c.q, areas: [area], limit: 20 })).clients.map(
          (h) => h.id
        )
    )
  );
  rows.push(
    await measure(
      'service: clients only, area filter',
      list,
      options.runs,
      options.warmup,
      async (c) =>
        (
          await service.search(viewerId, { q: c.q, areas: [area], limit: 20, types: ['clients'] })
        ).clients.map((h) => h.id)
    )
  );
  rows.push(
    await measure('service: all types, no filter', list, options.runs, options.warmup, async (c) =>
      (await service.search(viewerId, { q: c.q, limit: 20 })).clients.map((h) => h.id)
    )
  );
  rows.push(
    await measure('naive CONTAINS, area filter', list, options.runs, options.warmup, async (c) =>
      (await read(NAIVE, { within, words: c.words })).map((r) => r.get('id') as string)
    )
  );
  rows.push(
    await measure('naive CONTAINS, no filter', list, options.runs, options.warmup, async (c) =>
      (await read(NAIVE_ALL, { words: c.words })).map((r) => r.get('id') as string)
    )
  );
  console.log(table(rows));

  const byKind = new Map<string, { service: number; naive: number; total: number }>();
  for (const c of list) {
    const entry = byKind.get(c.kind) ?? { service: 0, naive: 0, total: 0 };
    const byService = (await searchClients(service, viewerId, c, area)).includes(c.target);
    const byNaive = (await read(NAIVE, { within, words: c.words })).some(
      (r) => r.get('id') === c.target
    );
    entry.total++;
    if (byService) entry.service++;
    if (byNaive) entry.naive++;
    byKind.set(c.kind, entry);
  }
  console.log('\nFound the sampled client, by kind of query (service vs naive CONTAINS):');
  for (const [kind, e] of byKind) {
    console.log(
      `  ${kind.padEnd(11)} ${((100 * e.service) / e.total).toFixed(0).padStart(4)}% vs ${(
        (100 * e.naive) /
        e.total
      )
        .toFixed(0)
        .padStart(4)}%  (${e.total} queries)`
    );
  }
}

async function searchClients(
  service: SearchService,
  viewerId: string,
  c: Case,
  area: string
): Promise<string[]> {
  return (
    await service.search(viewerId, { q: c.q, areas: [area], limit: 20, types: ['clients'] })
  ).clients.map((h) => h.id);
}

try {
  await main();
} finally {
  await closeDriver();
}
