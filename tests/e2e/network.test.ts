/**
 * The network explorer in Chromium, as the demo practitioner: open a client's network, expand a
 * circle member, join another member's team from the details panel and see their practitioners,
 * export PNG and SVG (and check the files), walk the table twin with the keyboard, filters and
 * depth in the query string, the print view, /network, and a non-member's view. Screenshots go
 * to test-results/screenshots/network-*.png.
 *
 * The family is the test's own (unique ids, removed afterwards), so joining a team here changes
 * nothing other tests rely on:
 *
 *   Dan (father; the viewer is not on his team; Fran works with him)
 *    |  partner
 *   Mia (centre; the viewer, Cleo, a restricted DV worker)  --mother--  Kit  --friend--  Sam
 *        (withheld address)                                  --mother--  Lou (household)
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  checkAccessibility,
  describeViolations,
  launchBrowser,
  screenshot,
  signIn
} from '../support/browser.ts';
import { cleanup, closeTestDriver, testDatabase, testDriver, uniqueId } from '../support/db.ts';

const EMAIL = 'practitioner@teamaround.example';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'teamaround-demo-2026';
const tag = uniqueId('net').slice(-6);
const id = {
  area: uniqueId('council'),
  agency: uniqueId('agency'),
  police: uniqueId('agency'),
  dv: uniqueId('agency'),
  cleo: uniqueId('prac'),
  fran: uniqueId('prac'),
  rita: uniqueId('prac'),
  mia: uniqueId('client'),
  kit: uniqueId('client'),
  lou: uniqueId('client'),
  dan: uniqueId('client'),
  sam: uniqueId('client'),
  stranger: uniqueId('client'),
  address: uniqueId('address')
};
const names = {
  mia: `Mia Net${tag}`,
  dan: `Dan Net${tag}`,
  kit: `Kit Net${tag}`,
  sam: `Sam Net${tag}`,
  cleo: `Cleo Colleague ${tag}`,
  fran: `Fran Fathersworker ${tag}`,
  rita: `Rita Refuge ${tag}`
};
const WITHHELD = `3 Safehouse Close ${tag}`;
const DUTY = `1800 ${tag.slice(0, 3)} 999`;

const FIXTURES = `
MATCH (viewer:Practitioner {email: $email})
CREATE (area:Area {id: $id.area, code: $id.area, name: 'Netcouncil ' + $tag, level: 'COUNCIL', country: 'AU', state: 'AU-NSW'})
CREATE (school:Agency {id: $id.agency, name: 'Net School ' + $tag, kind: 'SCHOOL', phone: '02 9000 3000', sensitive: false})
CREATE (police:Agency {id: $id.police, name: 'Net Police ' + $tag, kind: 'POLICE', phone: '02 9000 4000', sensitive: false})
CREATE (dv:Agency {id: $id.dv, name: 'Net Refuge ' + $tag, kind: 'DOMESTIC_VIOLENCE', dutyPhone: $duty, sensitive: true})
CREATE (cleo:Practitioner {id: $id.cleo, name: $names.cleo, email: $id.cleo + '@example.test', phone: '0400 111 111', jobTitle: 'Teacher', status: 'ACTIVE', roles: ['practitioner']})-[:WORKS_AT]->(school)
CREATE (fran:Practitioner {id: $id.fran, name: $names.fran, email: $id.fran + '@example.test', phone: '0400 222 222', jobTitle: 'Constable', status: 'ACTIVE', roles: ['practitioner']})-[:WORKS_AT]->(police)
CREATE (rita:Practitioner {id: $id.rita, name: $names.rita, email: $id.rita + '@example.test', status: 'ACTIVE', roles: ['practitioner']})-[:WORKS_AT]->(dv)
WITH viewer, area, cleo, fran, rita
UNWIND [
  {id: $id.mia, given: 'Mia'}, {id: $id.kit, given: 'Kit'}, {id: $id.lou, given: 'Lou'},
  {id: $id.dan, given: 'Dan'}, {id: $id.sam, given: 'Sam'}, {id: $id.stranger, given: 'Stranger'}
] AS row
CREATE (c:Client {id: row.id, givenName: row.given, familyName: 'Net' + $tag, aliases: [], aliasesText: '',
  dob: date('2014-03-04'), councilCode: area.code, createdAt: datetime()})
CREATE (c)-[:LIVES_IN]->(area)
WITH DISTINCT viewer, cleo, fran, rita
MATCH (mia:Client {id: $id.mia}), (kit:Client {id: $id.kit}), (lou:Client {id: $id.lou}),
  (dan:Client {id: $id.dan}), (sam:Client {id: $id.sam}), (stranger:Client {id: $id.stranger})
CREATE (mia)-[:IN_CIRCLE {kind: 'FAMILY', label: 'mother', reciprocal: 'son'}]->(kit)
CREATE (mia)-[:IN_CIRCLE {kind: 'HOUSEHOLD', label: 'mother', reciprocal: 'daughter'}]->(lou)
CREATE (dan)-[:IN_CIRCLE {kind: 'SIGNIFICANT', label: 'partner', reciprocal: 'partner'}]->(mia)
CREATE (kit)-[:IN_CIRCLE {kind: 'SIGNIFICANT', label: 'friend', reciprocal: 'friend'}]->(sam)
CREATE (mia)-[:HAS_ADDRESS]->(:Address {id: $id.address, text: $withheld, withheldForSafety: true,
  withheldById: viewer.id, updatedAt: datetime()})
WITH viewer, cleo, fran, rita, mia, kit, lou, dan, sam, stranger
UNWIND [
  [viewer, mia, true, false], [viewer, kit, false, false], [viewer, lou, false, false],
  [cleo, mia, false, false], [cleo, kit, false, false], [rita, mia, false, true],
  [fran, dan, true, false], [fran, stranger, true, false], [cleo, sam, false, false]
] AS m
WITH m[0] AS p, m[1] AS c, m[2] AS lead, m[3] AS restricted
CREATE (p)-[:MEMBER_OF {since: datetime() - duration({days: 20}), reason: 'test', lead: lead, restricted: restricted}]->(c)`;

/** What the page functions below use of the browser (the Node typings here have no DOM). */
type InPage = {
  document: {
    activeElement: {
      id: string;
      tagName: string;
      textContent: string | null;
      closest(selector: string): unknown;
    } | null;
  };
  getComputedStyle(element: unknown): { outlineStyle: string; outlineWidth: string };
  DOMParser: new () => {
    parseFromString(
      text: string,
      type: string
    ): {
      querySelector(selector: string): { textContent: string | null } | null;
      querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
      documentElement: { nodeName: string; textContent: string | null };
    };
  };
};

async function run(cypher: string, params: Record<string, unknown> = {}) {
  const { records } = await testDriver().executeQuery(cypher, params, {
    database: testDatabase()
  });
  return records.map((r) => r.toObject() as Record<string, unknown>);
}

describe('network explorer', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const shots: string[] = [];

  async function ready(path: string): Promise<void> {
    await page.goto(path);
    await page.waitForSelector('[data-layout-state=done]', { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
  }

  // The row whose name cell is exactly this name: other rows mention it among their relations.
  const row = (name: string) =>
    page.locator('table.twin tbody tr').filter({
      has: page.locator('th[scope=row]', {
        hasText: new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
      })
    });

  beforeAll(async () => {
    await run(FIXTURES, { email: EMAIL, id, tag, names, duty: DUTY, withheld: WITHHELD });
    browser = await launchBrowser();
    context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      baseURL: baseUrl,
      acceptDownloads: true
    });
    page = await context.newPage();
    await signIn(page, EMAIL, PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    const ids = Object.values(id);
    await run('MATCH (e:Event) WHERE e.clientId IN $ids OR e.actorId IN $ids DETACH DELETE e', {
      ids
    });
    await cleanup(ids);
    await closeTestDriver();
    console.log(`[network e2e] screenshots:\n${shots.join('\n')}`);
  });

  it('draws the family network with teams, a masked restricted service and no address', async () => {
    await ready(`/clients/${id.mia}/network`);
    expect(await page.locator('h1').textContent()).toContain(names.mia);
    expect(
      await page.locator('nav[aria-label="Client sections"] a[aria-current=page]').textContent()
    ).toContain('Network');
    for (const name of [names.mia, names.kit, names.dan, names.cleo]) {
      expect(await row(name).count(), name).toBe(1);
    }
    // Dan is a name with nothing behind him: Fran (his worker) is not shown.
    expect(await row(names.dan).locator('td').first().textContent()).toContain('not on your team');
    const html = await page.content();
    expect(html).not.toContain(names.fran);
    expect(html).not.toContain(names.rita);
    expect(html).not.toContain(WITHHELD);
    // Rule 3: the masked service shows no duty line, only the relay.
    expect(await row('Restricted service').textContent()).toContain('ask them to contact you');
    expect(html).not.toContain(DUTY);
    // Sam is Kit's friend: not in Mia's circle until Kit is expanded.
    expect(await row(names.sam).count()).toBe(0);
    shots.push(await screenshot(page, 'network-family'));
    const violations = await checkAccessibility(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    const viewed = await run(
      `MATCH (e:Event:Audit {type: 'graph.viewed', clientId: $id})
       MATCH (p:Practitioner {email: $email}) WHERE e.actorId = p.id RETURN count(e) AS n`,
      { id: id.mia, email: EMAIL }
    );
    expect(Number(viewed[0]?.n)).toBeGreaterThanOrEqual(1);
  });

  it('expands a circle member and keeps it in the query string', async () => {
    await row(names.kit)
      .getByRole('button', { name: /^Expand/ })
      .click();
    await row(names.sam).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('expand')).toBe(id.kit);
    expect(
      await row(names.kit)
        .getByRole('button', { name: /^Collapse/ })
        .count()
    ).toBe(1);
    await page.waitForSelector('[data-layout-state=done]');
    shots.push(await screenshot(page, 'network-expanded'));
  });

  it('joins a member’s team from the panel, then shows their practitioners', async () => {
    await row(names.dan)
      .getByRole('button', { name: /^Join team/ })
      .click();
    const panel = page.locator('aside.panel');
    expect(await panel.locator('#panel-heading').textContent()).toBe(names.dan);
    expect(
      await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.id)
    ).toBe('panel-heading');
    await panel.getByLabel(/Why are you joining/).fill('Working with the family at school');
    await panel.getByRole('button', { name: 'Join team' }).click();
    await row(names.fran).waitFor({ timeout: 30_000 });
    expect(await page.locator('p[role=status]').textContent()).toContain('You joined');
    expect(await row(names.dan).locator('td').first().textContent()).toContain('on your team');
    const member = await run(
      `MATCH (p:Practitioner {email: $email})-[m:MEMBER_OF]->(:Client {id: $dan})
       WHERE m.until IS NULL RETURN m.reason AS reason`,
      { email: EMAIL, dan: id.dan }
    );
    expect(member[0]?.reason).toBe('Working with the family at school');
    await page.waitForSelector('[data-layout-state=done]');
    shots.push(await screenshot(page, 'network-after-join'));
  });

  it('exports a PNG and an SVG with the title and legend', async () => {
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PNG' }).click()
    ]);
    const pngBytes = readFileSync((await png.path())!);
    expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngBytes.length).toBeGreaterThan(10_000);
    expect(png.suggestedFilename()).toMatch(/\.png$/);

    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export SVG' }).click()
    ]);
    const text = readFileSync((await svg.path())!, 'utf8');
    const parsed = await page.evaluate((source) => {
      const w = globalThis as unknown as InPage;
      const doc = new w.DOMParser().parseFromString(source, 'image/svg+xml');
      return {
        root: doc.documentElement.nodeName,
        error: doc.querySelector('parsererror')?.textContent ?? null,
        title: doc.querySelector('title')?.textContent ?? null,
        legend: doc.querySelector('g.legend')?.textContent ?? null,
        // One line per <text>: long names are wrapped over two of them.
        text: Array.from(doc.querySelectorAll('text'), (t) => t.textContent ?? '').join(' ')
      };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.title).toContain(`The network around ${names.mia}`);
    expect(parsed.legend).toContain('Legend');
    expect(parsed.legend).toContain('Person (not on your team)');
    expect(parsed.text).toContain(names.fran);
    expect(text).not.toContain(WITHHELD);
    expect(text).not.toContain(names.rita);
  });

  it('can be used with the keyboard alone: graph focus, panel, and the table twin', async () => {
    // The graph: focus lands on the client; Space opens their details, Escape closes them.
    await page.locator('.graph').focus();
    expect(await page.locator('.graph + p').textContent()).toContain(names.mia);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    await page.keyboard.press(' ');
    expect(await page.locator('#panel-heading').textContent()).toBe(names.mia);
    await page.keyboard.press('Escape');
    expect(await page.locator('#panel-heading').count()).toBe(0);

    // The table: Tab from the graph reaches its buttons; each shows a visible focus ring.
    let inTable = false;
    for (let i = 0; i < 40 && !inTable; i++) {
      await page.keyboard.press('Tab');
      inTable = await page.evaluate(
        () => !!(globalThis as unknown as InPage).document.activeElement?.closest('table.twin')
      );
    }
    expect(inTable).toBe(true);
    const focusStyle = await page.evaluate(() => {
      const w = globalThis as unknown as InPage;
      const style = w.getComputedStyle(w.document.activeElement);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(focusStyle.style).not.toBe('none');
    const visited: string[] = [];
    for (let i = 0; i < 6; i++) {
      visited.push(
        (await page.evaluate(
          () => (globalThis as unknown as InPage).document.activeElement?.textContent
        )) ?? ''
      );
      await page.keyboard.press('Tab');
    }
    expect(visited.some((t) => t.includes('Details'))).toBe(true);
    // Back to the first Details button and open it with Enter.
    await page
      .locator('table.twin tbody tr')
      .first()
      .getByRole('button', { name: /^Details/ })
      .focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#panel-heading').textContent()).toBe(names.mia);
    await page.keyboard.press('Escape');
    expect(await page.locator('#panel-heading').count()).toBe(0);
    shots.push(await screenshot(page, 'network-keyboard'));
  });

  it('filters and searches, keeping the view in the query string', async () => {
    await page.getByRole('checkbox', { name: 'Agencies' }).uncheck();
    expect(new URL(page.url()).searchParams.get('hide')).toBe('agency');
    expect(await page.locator('table.twin tbody tr', { hasText: 'Agency:' }).count()).toBe(0);
    await page.getByLabel('Find in the graph').fill('Fran');
    expect(await page.locator('#match-count').textContent()).toContain('1 found');
    expect(new URL(page.url()).searchParams.get('q')).toBe('Fran');
    // A shared link brings the same view back.
    await ready(page.url().replace(/^https?:\/\/[^/]+/, ''));
    expect(await page.getByRole('checkbox', { name: 'Agencies' }).isChecked()).toBe(false);
    expect(await row(names.sam).count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Agencies' }).check();
    await page.getByLabel('Find in the graph').fill('');
  });

  it('changes depth through the load (recorded) and keeps existing nodes', async () => {
    await page.getByLabel('Depth').selectOption('2');
    await page.waitForURL((url) => url.searchParams.get('depth') === '2');
    await page.waitForSelector('[data-layout-state=done]');
    expect(await row(names.sam).count()).toBe(1);
    const depths = await run(
      `MATCH (e:Event:Audit {type: 'graph.viewed', clientId: $id}) RETURN e.data AS data`,
      { id: id.mia }
    );
    expect(depths.some((d) => String(d.data).includes('"depth":2'))).toBe(true);
  });

  it('has an A4 print view with the drawing, legend and table', async () => {
    await ready(`/clients/${id.mia}/network?print=1`);
    await page.waitForSelector('img.print-only', { state: 'visible' });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.graph').isVisible()).toBe(false);
    expect(await page.locator('img.print-only').isVisible()).toBe(true);
    expect(await page.locator('table.twin').isVisible()).toBe(true);
    shots.push(await screenshot(page, 'network-print'));
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows someone not on the team only the summary and a join form', async () => {
    await page.goto(`/clients/${id.stranger}/network`);
    expect(await page.locator('.graph').count()).toBe(0);
    expect(await page.locator('form[action="?/join"]').count()).toBe(1);
    expect(await page.getByText('Join team', { exact: true }).count()).toBe(1);
    expect(await page.content()).not.toContain(names.fran);
    shots.push(await screenshot(page, 'network-not-member'));
    const denied = await run(
      `MATCH (e:Event:Audit {type: 'access.denied', clientId: $id}) RETURN count(e) AS n`,
      { id: id.stranger }
    );
    expect(Number(denied[0]?.n)).toBeGreaterThanOrEqual(1);
  });

  it('shows my network: clients and colleagues from other agencies', async () => {
    await ready('/network');
    expect(await row(names.cleo).count()).toBe(1);
    expect(await row(names.cleo).textContent()).toMatch(/Shares \d+ clients? with You/);
    expect(await page.content()).not.toContain(names.rita);
    shots.push(await screenshot(page, 'network-mine'));
    const violations = await checkAccessibility(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
