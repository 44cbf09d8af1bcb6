/**
 * The local leads' dashboard on the seeded test database: its figures against independent, plain
 * Cypher counts; small-number suppression in the rendered page, the CSV exports and GraphQL; who
 * may see which area (refusals audited); the snapshot store and the snapshot job's handler.
 *
 * Reads the seeded demo data (lead@teamaround.example LEADS the Western Sydney district); writes
 * only DashboardSnapshot nodes, which it removes afterwards, and audit records.
 */
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { Queue as BullQueue, type Job, type Queue } from 'bullmq';
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURE_KEYS, type Figures } from '../../src/lib/dashboard/figures.ts';
import { MAX_WEEKS, isoDay, monthsBefore, weekStart } from '../../src/lib/dashboard/period.ts';
import { suppress } from '../../src/lib/dashboard/suppress.ts';
import type { DashboardView } from '../../src/lib/dashboard/view.ts';
import type { SessionUser } from '../../src/lib/server/accounts/account.repository.ts';
import { getDashboard } from '../../src/lib/server/dashboard/dashboard.service.ts';
import { readAreaTree } from '../../src/lib/server/dashboard/fetch.ts';
import { closeSnapshotQueue } from '../../src/lib/server/dashboard/refresh-queue.ts';
import { readLatestSnapshot, refreshSnapshot } from '../../src/lib/server/dashboard/snapshot.ts';
import type { SnapshotFigures } from '../../src/lib/server/dashboard/types.ts';
import { GraphQLOperationError, executeGraphQL } from '../../src/lib/server/graphql/execute.ts';
import { QUEUES, jobId } from '../../workers/catalogue.ts';
import { bullConnection, bullPrefix } from '../../workers/connection.ts';
import type { HandlerContext } from '../../workers/handlers/context.ts';
import { dashboardSnapshotHandler } from '../../workers/handlers/dashboard-snapshot.ts';
import {
  dashboardCsvResponse,
  dashboardPageData,
  queueRefresh
} from '../../src/lib/server/dashboard/page.ts';
import { closeTestDriver, testDatabase, testDriver } from '../support/db.ts';

const WESTERN_SYDNEY = 'NSW-D-western-sydney';
const db = () => ({ driver: testDriver(), database: testDatabase() });

async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const { records } = await testDriver().executeQuery(query, params, {
    database: testDatabase(),
    routing: 'READ'
  });
  return records.map((r) => r.toObject() as T);
}

async function count(query: string, params: Record<string, unknown>): Promise<number> {
  const [row] = await rows<{ n: number }>(query, params);
  return row?.n ?? 0;
}

async function user(email: string): Promise<SessionUser> {
  const [row] = await rows<SessionUser>(
    `MATCH (p:Practitioner {email: $email})
     RETURN p.id AS id, p.name AS name, p.email AS email, p.roles AS roles, p.status AS status,
       null AS agencyId`,
    { email }
  );
  if (!row) throw new Error(`no seeded account ${email}`);
  return row;
}

/** Plain Cypher, written independently of the dashboard's queries: the figures at `at` (ISO). */
async function independentFigures(
  councils: string[],
  areas: string[],
  at: string
): Promise<Figures> {
  const p = { councils, areas, at };
  return {
    clients: await count(
      `MATCH (c:Client) WHERE c.councilCode IN $councils AND c.createdAt <= datetime($at)
       RETURN count(c) AS n`,
      p
    ),
    memberships: await count(
      `MATCH (:Practitioner)-[m:MEMBER_OF]->(c:Client) WHERE c.councilCode IN $councils
         AND NOT coalesce(m.restricted, false)
         AND m.since <= datetime($at) AND (m.until IS NULL OR m.until > datetime($at))
       RETURN count(m) AS n`,
      p
    ),
    activeTeams: await count(
      `MATCH (:Practitioner)-[m:MEMBER_OF]->(c:Client) WHERE c.councilCode IN $councils
         AND NOT coalesce(m.restricted, false)
         AND m.since <= datetime($at) AND (m.until IS NULL OR m.until > datetime($at))
       RETURN count(DISTINCT c) AS n`,
      p
    ),
    circleLinks: await count(
      `MATCH (a:Client)-[l:IN_CIRCLE]->(b:Client)
       WHERE (a.councilCode IN $councils OR b.councilCode IN $councils) AND l.since <= datetime($at)
       RETURN count(l) AS n`,
      p
    ),
    openAttentions: await count(
      `MATCH (a:Attention)-[:ABOUT]->(c:Client) WHERE c.councilCode IN $councils
         AND a.createdAt <= datetime($at) AND (a.resolvedAt IS NULL OR a.resolvedAt > datetime($at))
       RETURN count(a) AS n`,
      p
    ),
    agencies: await count(
      `MATCH (ag:Agency)-[:SERVES]->(x:Area) WHERE x.code IN $areas AND ag.createdAt <= datetime($at)
       RETURN count(DISTINCT ag) AS n`,
      p
    ),
    practitioners: await count(
      `MATCH (p:Practitioner {status: 'ACTIVE'})-[:WORKS_AT]->(:Agency)-[:SERVES]->(x:Area)
       WHERE x.code IN $areas AND p.createdAt <= datetime($at)
       RETURN count(DISTINCT p) AS n`,
      p
    )
  };
}

/** Every string in a value, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const SMALL_COUNT = /^[1-4]$/;

const viewer = (u: SessionUser) => ({ id: u.id, roles: u.roles });

function request(actor: SessionUser, path: string) {
  return { user: actor, url: new URL(`http://127.0.0.1${path}`), ip: '127.0.0.1' };
}

function pageData(actor: SessionUser, search: string) {
  return dashboardPageData(request(actor, `/dashboard${search}`));
}

function csv(actor: SessionUser, table: string, search: string) {
  return dashboardCsvResponse(request(actor, `/dashboard/export/${table}.csv${search}`), table);
}

/** The page component, imported by path: tsc's Node project has no types for .svelte files. */
async function pageComponent(): Promise<Component<Record<string, unknown>>> {
  const path = '../../src/routes/dashboard/+page.svelte';
  const module = (await import(/* @vite-ignore */ path)) as {
    default: Component<Record<string, unknown>>;
  };
  return module.default;
}

async function status(work: Promise<unknown>): Promise<number> {
  try {
    await work;
    return 200;
  } catch (error) {
    if (isHttpError(error)) return error.status;
    throw error;
  }
}

const DASHBOARD_QUERY = `query Dashboard($area: String, $period: String) {
  dashboard(area: $area, period: $period) {
    area { code name level }
    period asOf pending
    figures { key value then change }
    series { key kind points { at value } }
    breakdown { code name clients memberships membershipsChange practitioners agencies activeTeams circleLinks openAttentions }
    gaps { oneWorker noLead stale idleAgencies stalledAreas byArea { code oneWorker noLead stale } }
    map { totalNodes totalEdges nodes { id practitioners } edges { source target sharedClients } }
  }
}`;

let lead: SessionUser;
let admin: SessionUser;
let practitioner: SessionUser;
let councils: string[];
let otherDistrict: string;
const startedAt = new Date().toISOString();

beforeAll(async () => {
  lead = await user('lead@teamaround.example');
  admin = await user('admin@teamaround.example');
  const [plain] = await rows<{ email: string }>(
    `MATCH (p:Practitioner {status: 'ACTIVE'})
     WHERE NOT 'lead' IN p.roles AND NOT 'admin' IN p.roles
     RETURN p.email AS email ORDER BY p.email LIMIT 1`
  );
  practitioner = await user(plain?.email ?? '');
  const tree = await readAreaTree(db(), WESTERN_SYDNEY);
  councils = tree?.councils ?? [];
  const [other] = await rows<{ code: string }>(
    `MATCH (d:Area {level: 'DISTRICT'})-[:PART_OF]->(:Area {code: 'AU-NSW'})
     WHERE d.code <> $ws RETURN d.code AS code ORDER BY code LIMIT 1`,
    { ws: WESTERN_SYDNEY }
  );
  otherDistrict = other?.code ?? '';
});

afterAll(async () => {
  await testDriver().executeQuery(
    'MATCH (s:DashboardSnapshot) DETACH DELETE s',
    {},
    {
      database: testDatabase()
    }
  );
  await closeSnapshotQueue();
  await closeTestDriver();
});

describe('figures', () => {
  let snapshot: SnapshotFigures;
  const now = new Date();

  beforeAll(async () => {
    const stored = await refreshSnapshot(db(), WESTERN_SYDNEY, now);
    if (!stored) throw new Error('Western Sydney is missing from the seed');
    snapshot = stored.figures;
  });

  it('has the demo lead’s district and its council areas to count', () => {
    expect(councils.length).toBeGreaterThan(1);
    expect(snapshot.area).toMatchObject({ code: WESTERN_SYDNEY, level: 'DISTRICT' });
    expect(snapshot.series.clients.at(-1)).toBeGreaterThan(0);
  });

  it('equal plain Cypher counts now and at every period start', async () => {
    const areas = [WESTERN_SYDNEY, ...councils];
    const expectedNow = await independentFigures(councils, areas, now.toISOString());
    const last = snapshot.series.clients.length - 1;
    const actualNow = Object.fromEntries(FIGURE_KEYS.map((k) => [k, snapshot.series[k][last]]));
    expect(actualNow).toEqual(expectedNow);
    for (const weeksBack of [4, 12, 52]) {
      const index = MAX_WEEKS - weeksBack;
      const at = `${snapshot.weeks[index]}T00:00:00Z`;
      const actual = Object.fromEntries(FIGURE_KEYS.map((k) => [k, snapshot.series[k][index]]));
      expect(actual, `${weeksBack} weeks back`).toEqual(
        await independentFigures(councils, areas, at)
      );
    }
  });

  it('break down by council area with the same counts', async () => {
    expect(snapshot.breakdown.map((r) => r.area.code).sort()).toEqual([...councils].sort());
    for (const row of snapshot.breakdown) {
      const expected = await independentFigures(
        [row.area.code],
        [row.area.code],
        now.toISOString()
      );
      expect(row.now, row.area.name).toEqual(expected);
    }
  });

  it('count new memberships per week as plain Cypher does', async () => {
    const since = `${snapshot.weeks[MAX_WEEKS - 12]}T00:00:00Z`;
    const expected = await count(
      `MATCH (:Practitioner)-[m:MEMBER_OF]->(c:Client) WHERE c.councilCode IN $councils
         AND NOT coalesce(m.restricted, false)
         AND m.since >= datetime($since) AND m.since <= datetime($now)
       RETURN count(m) AS n`,
      { councils, since, now: now.toISOString() }
    );
    const sum = snapshot.newMemberships.slice(MAX_WEEKS - 12).reduce((a, b) => a + b, 0);
    expect(sum).toBe(expected);
  });

  it('find the gaps plain Cypher finds', async () => {
    const p = { councils, now: now.toISOString() };
    const current = `MATCH (c:Client) WHERE c.councilCode IN $councils
      MATCH (pr:Practitioner)-[m:MEMBER_OF]->(c)
      WHERE m.until IS NULL AND NOT coalesce(m.restricted, false)`;
    expect(snapshot.gaps.oneWorker).toBe(
      await count(
        `${current} WITH c, count(DISTINCT pr) AS people WHERE people = 1 RETURN count(c) AS n`,
        p
      )
    );
    expect(snapshot.gaps.noLead).toBe(
      await count(
        `${current} WITH c, collect(m.lead) AS leads WHERE NOT true IN leads RETURN count(c) AS n`,
        p
      )
    );
    expect(snapshot.gaps.stale).toBe(
      await count(
        `${current} AND coalesce(m.lastConfirmedAt, m.since) < datetime($now) - duration({months: 6})
         RETURN count(m) AS n`,
        p
      )
    );
    expect(monthsBefore(now, 6).getTime()).toBeLessThan(now.getTime());
    expect(snapshot.gaps.idleAgencyCount).toBe(
      await count(
        `MATCH (ag:Agency)-[:SERVES]->(x:Area) WHERE x.code IN $areas
           AND NOT EXISTS { MATCH (:Practitioner {status: 'ACTIVE'})-[:WORKS_AT]->(ag) }
         RETURN count(DISTINCT ag) AS n`,
        { areas: [WESTERN_SYDNEY, ...councils] }
      )
    );
    const stalled = await rows<{ code: string }>(
      `MATCH (a:Area) WHERE a.code IN $councils
         AND NOT EXISTS { MATCH (:Practitioner)-[m:MEMBER_OF]->(c:Client {councilCode: a.code})
           WHERE NOT coalesce(m.restricted, false) AND m.since >= datetime($now) - duration({weeks: 8}) AND m.since <= datetime($now) }
       RETURN a.code AS code`,
      p
    );
    expect(snapshot.gaps.stalled.map((s) => s.area.code).sort()).toEqual(
      stalled.map((s) => s.code).sort()
    );
  });

  it('weigh each collaboration link by the clients both agencies currently share', async () => {
    expect(snapshot.collaboration.edges.length).toBeGreaterThan(0);
    for (const edge of snapshot.collaboration.edges.slice(0, 5)) {
      const shared = await count(
        `MATCH (c:Client) WHERE c.councilCode IN $councils
           AND EXISTS { MATCH (:Agency {id: $a})<-[:WORKS_AT]-(:Practitioner)-[m:MEMBER_OF]->(c)
             WHERE m.until IS NULL AND NOT coalesce(m.restricted, false) }
           AND EXISTS { MATCH (:Agency {id: $b})<-[:WORKS_AT]-(:Practitioner)-[m:MEMBER_OF]->(c)
             WHERE m.until IS NULL AND NOT coalesce(m.restricted, false) }
         RETURN count(c) AS n`,
        { councils, a: edge.source, b: edge.target }
      );
      expect(edge.weight).toBe(shared);
    }
  });

  it('is stored once per area and week and read back', async () => {
    const stored = await readLatestSnapshot(db(), WESTERN_SYDNEY);
    expect(stored?.figures.asOf).toBe(now.toISOString());
    expect(stored?.id).toBe(`${WESTERN_SYDNEY}@${stored?.weekStart}`);
    await refreshSnapshot(db(), WESTERN_SYDNEY, now);
    expect(
      await count(`MATCH (s:DashboardSnapshot {areaCode: $code}) RETURN count(s) AS n`, {
        code: WESTERN_SYDNEY
      })
    ).toBe(1);
  });
});

describe('small-number suppression', () => {
  let view: DashboardView;

  beforeAll(async () => {
    const result = await getDashboard(
      lead,
      { area: WESTERN_SYDNEY, period: '12w' },
      { path: '/test' }
    );
    if (!result.ok) throw new Error(result.reason);
    view = result.view;
  });

  it('shows every breakdown count as suppress() of the plain Cypher count', async () => {
    let suppressed = 0;
    for (const row of view.breakdown) {
      const expected = await independentFigures([row.code], [row.code], view.asOf);
      for (const key of FIGURE_KEYS) {
        expect(row[key], `${row.name} ${key}`).toBe(suppress(expected[key]));
        if (row[key] === '<5') suppressed++;
      }
    }
    // The small seed has small numbers: suppression is really being exercised.
    expect(suppressed).toBeGreaterThan(0);
  });

  it('holds in the rendered page', async () => {
    const data = await pageData(lead, `?area=${WESTERN_SYDNEY}&period=12w`);
    expect(strings(data).filter((s) => SMALL_COUNT.test(s))).toEqual([]);
    const { body } = render(await pageComponent(), {
      props: { data: { ...data, user: null }, form: null }
    });
    expect(body).toContain('Network growth: Western Sydney');
    expect(body).toContain('&lt;5');
    // Table cells hold shown values only: never a bare 1 to 4.
    const cells = [...body.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => (m[1] ?? '').trim());
    expect(cells.filter((c) => SMALL_COUNT.test(c))).toEqual([]);
    // No client's name or id anywhere on the page.
    const clients = await rows<{ id: string; familyName: string }>(
      `MATCH (c:Client) WHERE c.councilCode IN $councils RETURN c.id AS id, c.familyName AS familyName`,
      { councils }
    );
    for (const c of clients) expect(body).not.toContain(c.id);
  });

  it('holds in every CSV export', async () => {
    for (const table of [
      'figures',
      'series',
      'breakdown',
      'gaps-areas',
      'gaps-agencies',
      'gaps-stalled',
      'map-links',
      'map-agencies'
    ]) {
      const response = await csv(lead, table, `?area=${WESTERN_SYDNEY}&period=12w`);
      expect(response.headers.get('content-type')).toMatch(/text\/csv/);
      const text = (await response.text()).replace(/^\uFEFF/, '');
      const lines = text.trimEnd().split('\r\n');
      expect(lines.length, table).toBeGreaterThan(0);
      const cells = lines.flatMap((line) => line.split(','));
      expect(
        cells.filter((c) => SMALL_COUNT.test(c)),
        table
      ).toEqual([]);
    }
    const breakdown = await csv(lead, 'breakdown', `?area=${WESTERN_SYDNEY}&period=12w`);
    const [header, ...body] = (await breakdown.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header).toBe(
      'Area,Code,Level,Practitioners,Agencies,Clients,Active teams,Current memberships,Circle links,Open attentions,Change in memberships'
    );
    expect(body.map((line) => line.split(',')[1]).sort()).toEqual([...councils].sort());
    for (const line of body) {
      const cells = line.split(',');
      const row = view.breakdown.find((r) => r.code === cells[1]);
      expect(cells[5]).toBe(row?.clients);
    }
  });

  it('holds in GraphQL, which answers exactly what the page shows', async () => {
    const data = await executeGraphQL<{ dashboard: DashboardView }>(viewer(lead), DASHBOARD_QUERY, {
      area: WESTERN_SYDNEY,
      period: '12w'
    });
    expect(strings(data).filter((s) => SMALL_COUNT.test(s))).toEqual([]);
    expect(data.dashboard.figures).toEqual(
      view.figures.map(({ key, value, then, change }) => ({ key, value, then, change }))
    );
    expect(data.dashboard.breakdown.map((r) => r.clients)).toEqual(
      view.breakdown.map((r) => r.clients)
    );
    expect(data.dashboard.map.edges.length).toBe(view.map.edges.length);
  });
});

describe('who sees what', () => {
  async function denials(actorId: string): Promise<number> {
    return count(
      `MATCH (e:Audit {type: 'access.denied', actorId: $actorId}) WHERE e.createdAt >= datetime($since)
       RETURN count(e) AS n`,
      { actorId, since: startedAt }
    );
  }

  it('opens a lead’s dashboard on their district, with a council area inside it', async () => {
    const data = await pageData(lead, '');
    expect(data.view.area.code).toBe(WESTERN_SYDNEY);
    expect(data.view.canRefresh).toBe(false);
    expect(data.refreshed).toBe(false);
    const council = await pageData(lead, `?area=${councils[0]}&period=4w`);
    expect(council.view.area.level).toBe('COUNCIL');
    expect(council.view.breadcrumbs.map((b) => b.code)).toEqual([WESTERN_SYDNEY]);
    expect(council.view.map.nodes.length).toBeGreaterThan(0);
  });

  it('refuses a lead another district: 403 on the page and CSV, FORBIDDEN in GraphQL, audited', async () => {
    const before = await denials(lead.id);
    expect(await status(pageData(lead, `?area=${otherDistrict}`))).toBe(403);
    expect(await status(csv(lead, 'figures', `?area=${otherDistrict}`))).toBe(403);
    const refused = await executeGraphQL(viewer(lead), DASHBOARD_QUERY, {
      area: otherDistrict
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphQLOperationError);
    expect((refused as GraphQLOperationError).code).toBe('FORBIDDEN');
    // The state above the lead's district is not theirs either.
    expect(await status(pageData(lead, '?area=AU-NSW'))).toBe(403);
    expect(await denials(lead.id)).toBe(before + 4);
  });

  it('refuses practitioners who are neither lead nor admin, and audits it', async () => {
    const before = await denials(practitioner.id);
    expect(await status(pageData(practitioner, ''))).toBe(403);
    const refused = await executeGraphQL(viewer(practitioner), DASHBOARD_QUERY, {}).catch(
      (e: unknown) => e
    );
    expect((refused as GraphQLOperationError).code).toBe('FORBIDDEN');
    expect(await denials(practitioner.id)).toBe(before + 2);
  });

  it('lets an admin see anywhere, everywhere waiting for its first snapshot', async () => {
    await testDriver().executeQuery(
      `MATCH (s:DashboardSnapshot {areaCode: 'ALL'}) DETACH DELETE s`,
      {},
      {
        database: testDatabase()
      }
    );
    const pending = await pageData(admin, '');
    expect(pending.view).toMatchObject({ pending: true, canRefresh: true });
    expect(pending.view.breakdown.map((r) => r.code)).toContain('AU-NSW');
    await refreshSnapshot(db(), 'ALL');
    const ready = await pageData(admin, '');
    expect(ready.view.pending).toBe(false);
    expect(ready.view.breakdownLabel).toBe('states');
    const nsw = ready.view.breakdown.find((r) => r.code === 'AU-NSW');
    const nswClients = await count(
      `MATCH (c:Client) MATCH (:Area {code: c.councilCode})-[:PART_OF*1..2]->(:Area {code: 'AU-NSW'})
       RETURN count(c) AS n`,
      {}
    );
    expect(nsw?.clients).toBe(suppress(nswClients));
    const other = await pageData(admin, `?area=${otherDistrict}`);
    expect(other.view.breadcrumbs.map((b) => b.code)).toEqual(['ALL', 'AU-NSW']);
  });

  it('lets only admins queue a refresh', async () => {
    const post = (actor: SessionUser) => {
      const form = new FormData();
      form.set('area', WESTERN_SYDNEY);
      form.set('period', '4w');
      return queueRefresh(request(actor, '/dashboard?/refresh'), form);
    };
    expect(await status(post(lead))).toBe(403);
    const outcome = await post(admin).catch((error: unknown) => error);
    expect(isRedirect(outcome)).toBe(true);
    if (isRedirect(outcome))
      expect(outcome.location).toBe(`/dashboard?refreshed=1&area=${WESTERN_SYDNEY}&period=4w`);
    // The district and every council area within it are queued, one job each.
    const connection = bullConnection();
    const maintenance = new BullQueue(QUEUES.maintenance, { connection, prefix: bullPrefix() });
    try {
      for (const code of [WESTERN_SYDNEY, ...councils]) {
        const job = await maintenance.getJob(jobId('dashboard-snapshot', code));
        expect(job?.data, code).toEqual({ areaCode: code });
        await job?.remove();
      }
    } finally {
      await maintenance.close();
      connection.disconnect();
    }
  });
});

describe('the dashboard-snapshot job', () => {
  it('snapshots one area, and fans out one job per area for "all"', async () => {
    const added: { name: string; data: unknown; opts?: { jobId?: string } }[] = [];
    const maintenance = {
      addBulk: async (jobs: typeof added) => {
        added.push(...jobs);
        return [];
      }
    } as unknown as Queue;
    const ctx = {
      driver: testDriver(),
      database: testDatabase(),
      queues: { maintenance }
    } as unknown as HandlerContext;
    const handler = dashboardSnapshotHandler(ctx);
    const one = await handler({ data: { areaCode: councils[0] } } as Job<{
      areaCode: string | null;
    }>);
    expect(one).toMatchObject({ areaCode: councils[0] });
    expect((await readLatestSnapshot(db(), councils[0] ?? ''))?.weekStart).toBe(
      isoDay(weekStart(new Date()))
    );
    await handler({ data: { areaCode: null } } as Job<{ areaCode: string | null }>);
    const codes = added.map((j) => (j.data as { areaCode: string }).areaCode);
    expect(codes).toContain('ALL');
    expect(codes).toContain('AU-NSW');
    expect(codes).toContain(WESTERN_SYDNEY);
    expect(
      added.every((j) => j.name === 'dashboard-snapshot' && !j.opts?.jobId?.includes(':'))
    ).toBe(true);
    expect(
      await handler({ data: { areaCode: 'NO-SUCH-AREA' } } as Job<{ areaCode: string | null }>)
    ).toMatchObject({
      skipped: true
    });
  });
});
