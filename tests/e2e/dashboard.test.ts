/**
 * The local leads' dashboard in Chromium, as the demo lead (Western Sydney): the district view with
 * its charts and breakdown, sorting through the query string, drilling into a council area, the
 * collaboration map drawn under the app's CSP, a CSV download parsed, another district refused;
 * screenshots at desktop and phone sizes and axe-core on every view.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  checkAccessibility,
  describeViolations,
  launchBrowser,
  screenshot,
  signIn
} from '../support/browser.ts';

const EMAIL = 'lead@teamaround.example';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'teamaround-demo-2026';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const SMALL_COUNT = /^[1-4]$/;

/** What the page function below reads of the browser (the Node typings here have no DOM). */
type InPage = { document: { documentElement: { scrollWidth: number } } };

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('the local leads’ dashboard', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function signedIn(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL: baseUrl, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await signIn(page, EMAIL, PASSWORD);
    return page;
  }

  async function open(page: Page, path: string): Promise<number> {
    const response = await page.goto(path);
    await page.waitForLoadState('networkidle');
    return response?.status() ?? 0;
  }

  async function expectAccessible(page: Page): Promise<void> {
    const violations = await checkAccessibility(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('shows the lead’s district with figures, charts, breakdown, gaps and map', async () => {
    const page = await signedIn(DESKTOP);
    expect(await open(page, '/dashboard')).toBe(200);
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Network growth: Western Sydney');
    expect(await page.locator('.figure').count()).toBe(7);
    expect(await page.locator('svg[role="img"]').count()).toBe(8);
    // Every chart has its table twin.
    expect(await page.locator('figure.chart table').count()).toBe(8);
    const rows = page.locator('table:has(caption:text("Figures by council areas")) tbody tr');
    expect(await rows.count()).toBeGreaterThan(1);
    // Only shown values in the cells: never a bare count of 1 to 4.
    const cells = await page.locator('td').allTextContents();
    expect(cells.map((c) => c.trim()).filter((c) => SMALL_COUNT.test(c))).toEqual([]);
    await screenshot(page, 'dashboard-district-desktop');
    await expectAccessible(page);
  });

  it('sorts the breakdown through the query string', async () => {
    const page = await signedIn(DESKTOP);
    await open(page, '/dashboard?period=4w');
    await page.click('th >> a:text("Clients")');
    await page.waitForURL(/sort=clients&dir=desc/);
    await expect
      .poll(() => page.locator('th[aria-sort="descending"]').textContent())
      .toContain('Clients');
    expect(page.url()).toContain('period=4w');
  });

  it('drills into a council area: breadcrumbs, map drawn under the CSP, CSV downloaded', async () => {
    const page = await signedIn(DESKTOP);
    await open(page, '/dashboard');
    const first = page
      .locator('table:has(caption:text("Figures by council areas")) tbody th a')
      .first();
    const council = (await first.textContent())?.trim() ?? '';
    await first.click();
    await page.waitForURL(/area=\d+/);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Network growth: ${council}`);
    await expect
      .poll(() => page.locator('nav[aria-label="Breadcrumb"] a').allTextContents())
      .toEqual(['Western Sydney']);

    // The collaboration map: Cytoscape draws into canvases inside the map box.
    const map = page.locator('.map[role="img"]');
    await map.scrollIntoViewIfNeeded();
    await page.locator('.map canvas').first().waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => page.locator('.map-box .loading').count()).toBe(0);
    const box = await map.boundingBox();
    expect(box?.height).toBeGreaterThan(200);
    expect(await map.getAttribute('aria-label')).toMatch(/agencies and \d+ links/);
    await screenshot(page, 'dashboard-council-desktop');
    await expectAccessible(page);

    // The headline figures as CSV: the same shown values as the cards.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a:text("Download the headline figures as CSV")')
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^dashboard-\d+-figures-12w-\d{4}-\d{2}-\d{2}\.csv$/
    );
    const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...body] = parseCsv(text);
    expect(header).toEqual(['Figure', 'Now', 'At the start of the period (12 weeks)', 'Change']);
    expect(body.map((r) => r[0])).toEqual([
      'Practitioners',
      'Agencies',
      'Clients',
      'Active teams',
      'Current memberships',
      'Circle links',
      'Open attentions'
    ]);
    const shown = await page.locator('.figure .value').allTextContents();
    expect(body.map((r) => r[1])).toEqual(shown.map((s) => s.trim().replaceAll(',', '')));
    expect(body.flat().filter((c) => SMALL_COUNT.test(c))).toEqual([]);

    // The links table twin, as CSV too.
    await page.click('summary:text("The links as a table")');
    const [links] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a:text("Download the links as CSV")')
    ]);
    const linkRows = parseCsv(readFileSync(await links.path(), 'utf8').replace(/^\uFEFF/, ''));
    expect(linkRows[0]).toEqual(['Agency', 'Agency', 'Shared clients']);
    expect(linkRows.length - 1).toBe(
      await page.locator('table:has(caption:text("Agencies linked")) tbody tr').count()
    );
    for (const row of linkRows.slice(1)) expect(row[2]).toMatch(/^(<5|\d{2,}|[5-9])$/);
  });

  it('fits a phone', async () => {
    const page = await signedIn(PHONE);
    await open(page, '/dashboard');
    // Wide tables scroll inside their own region; the page itself never scrolls sideways.
    const width = await page.evaluate(
      () => (globalThis as unknown as InPage).document.documentElement.scrollWidth
    );
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'dashboard-district-phone');
    await expectAccessible(page);
  });

  it('refuses another district with 403', async () => {
    const page = await signedIn(DESKTOP);
    expect(await open(page, '/dashboard?area=NSW-D-sydney')).toBe(403);
    const csv = await page.request.get('/dashboard/export/figures.csv?area=NSW-D-sydney');
    expect(csv.status()).toBe(403);
  });

  it('logged no script errors (CSP included)', () => {
    // checkAccessibility first tries axe as an inline <script>, which the CSP refuses (as it
    // should) before the helper falls back: that refusal names axe's hash and is the test's own.
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const axeHash = createHash('sha256').update(axe).digest('base64');
    expect(problems.filter((p) => !p.includes('403') && !p.includes(axeHash))).toEqual([]);
  });
});
