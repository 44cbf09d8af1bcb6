/**
 * Search, join and add a client in Chromium, as a new user would: sign in as the demo
 * practitioner, search from the header (combobox keys, live count), join a client's team with a
 * reason (with JavaScript in place, and without JavaScript through the form action), add a client
 * after declining a suggested duplicate; bad input over HTTP; screenshots at phone and desktop
 * sizes; axe-core on the search pages.
 *
 * Fixture clients (real words, so fuzzy matching behaves as for real names; unique ids, removed
 * afterwards) live in the demo practitioner's council areas (Western Sydney).
 */
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
import { SEARCH_QUERY } from '../../src/lib/search/queries.ts';

/** What the page functions below use of the browser (the Node typings here have no DOM). */
type InPage = {
  document: {
    activeElement: { textContent: string | null } | null;
    documentElement: { scrollWidth: number };
  };
  navigator: { clipboard: { readText(): Promise<string> } };
};

const EMAIL = 'practitioner@teamaround.example';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'teamaround-demo-2026';
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

const id = {
  ottilie: uniqueId('client'),
  barnaby: uniqueId('client'),
  rosalind: uniqueId('client')
};
const created: string[] = [];
let practitionerId = '';
let agencyId = '';

const FIXTURES = `
UNWIND $clients AS row
MATCH (area:Area {code: row.council})
CREATE (c:Client {id: row.id, givenName: row.given, familyName: row.family, aliases: [], aliasesText: '',
  dob: date(row.dob), councilCode: area.code, createdAt: datetime()})
CREATE (c)-[:LIVES_IN]->(area)`;

describe('search, join and add a client', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function signedIn(
    viewport: { width: number; height: number },
    options: { javaScriptEnabled?: boolean } = {}
  ): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL: baseUrl, ...options });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, EMAIL, PASSWORD);
    return page;
  }

  /** Goes to a page and waits for it to settle (hydrated), so clicks are handled by the app. */
  async function open(page: Page, path: string): Promise<void> {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }

  async function expectAccessible(page: Page): Promise<void> {
    const violations = await checkAccessibility(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  beforeAll(async () => {
    const driver = testDriver();
    const { records } = await driver.executeQuery(
      `MATCH (p:Practitioner {email: $email})-[:WORKS_AT]->(a:Agency) RETURN p.id AS p, a.id AS a`,
      { email: EMAIL },
      { database: testDatabase() }
    );
    practitionerId = String(records[0]?.get('p') ?? '');
    agencyId = String(records[0]?.get('a') ?? '');
    expect(practitionerId, 'the seed creates the demo practitioner').not.toBe('');
    await driver.executeQuery(
      FIXTURES,
      {
        clients: [
          {
            id: id.ottilie,
            given: 'Ottilie',
            family: 'Quince',
            dob: '2014-06-09',
            council: '16260'
          },
          {
            id: id.barnaby,
            given: 'Barnaby',
            family: 'Quince',
            dob: '2013-01-20',
            council: '10750'
          },
          {
            id: id.rosalind,
            given: 'Rosalind',
            family: 'Quartermaine',
            dob: '2016-02-03',
            council: '12380'
          }
        ]
      },
      { database: testDatabase() }
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await testDriver().executeQuery(
      'MATCH (e:Event) WHERE e.clientId IN $ids DETACH DELETE e',
      { ids: [...Object.values(id), ...created] },
      { database: testDatabase() }
    );
    await cleanup([...Object.values(id), ...created]);
    await closeTestDriver();
  });

  it('suggests as you type in the header, with arrow keys and a live count', async () => {
    const page = await signedIn(DESKTOP);
    const box = page.locator('#site-search');
    await box.click();
    await box.pressSequentially('Otilie Quin', { delay: 40 });
    const options = page.locator('#site-search-listbox [role=option]');
    await options.first().waitFor();
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
    expect(await options.first().textContent()).toContain('Ottilie Quince');
    await expect
      .poll(() => page.locator('.search-box [aria-live=polite]').textContent())
      .toMatch(/\d+ suggestions?/);

    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe('site-search-option-0');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await box.press('ArrowUp');
    const count = await options.count();
    expect(await box.getAttribute('aria-activedescendant')).toBe(`site-search-option-${count - 1}`);
    await screenshot(page, 'search-suggestions-desktop');

    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');

    // Enter with no suggestion chosen runs the full search.
    await Promise.all([page.waitForURL(/\/search\?q=/), box.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Otilie Quin');
    await page.locator(`#client-${id.ottilie}`).waitFor();
  });

  it('joins a team from the results without leaving the page', async () => {
    const page = await signedIn(DESKTOP);
    await open(page, '/search?q=Ottilie+Quince');
    const card = page.locator(`#client-${id.ottilie}`);
    await card.waitFor();
    // Only name, date of birth, council area and membership.
    expect(await card.textContent()).toContain('09/06/2014');
    expect(await card.textContent()).toContain('Parramatta');
    await expectAccessible(page);
    await screenshot(page, 'search-results-desktop');

    await card.getByText('Join team').click();
    await card.getByLabel('Why are you joining?').fill('Allocated social worker');
    await expectAccessible(page);
    await screenshot(page, 'search-join-open-desktop');
    await card.getByRole('button', { name: 'Join the team' }).click();

    const view = card.getByRole('link', { name: /View team around Ottilie Quince/ });
    await view.waitFor();
    expect(new URL(page.url()).pathname).toBe('/search');
    expect(await card.textContent()).toContain('You are on the team');
    await expect
      .poll(() =>
        page.evaluate(() =>
          (globalThis as unknown as InPage).document.activeElement?.textContent?.trim()
        )
      )
      .toMatch(/^View team around Ottilie Quince/);
    expect(await view.getAttribute('href')).toBe(`/clients/${id.ottilie}`);

    const { records } = await testDriver().executeQuery(
      `MATCH (:Practitioner {id: $p})-[m:MEMBER_OF]->(:Client {id: $c}) WHERE m.until IS NULL
       RETURN m.reason AS reason`,
      { p: practitionerId, c: id.ottilie },
      { database: testDatabase() }
    );
    expect(records[0]?.get('reason')).toBe('Allocated social worker');
    await screenshot(page, 'search-joined-desktop');
  });

  it('joins without JavaScript through the form action, back to the same search', async () => {
    const page = await signedIn(PHONE, { javaScriptEnabled: false });
    await open(page, '/search?q=Barnaby+Quince&scope=all');
    const card = page.locator(`#client-${id.barnaby}`);
    await card.getByText('Join team').click();
    await card.getByLabel('Why are you joining?').fill('School nurse');
    await Promise.all([
      page.waitForURL(/\/search\?/),
      card.getByRole('button', { name: 'Join the team' }).click()
    ]);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('Barnaby Quince');
    expect(url.searchParams.has('/join')).toBe(false);
    await page
      .locator(`#client-${id.barnaby}`)
      .getByRole('link', { name: /View team around Barnaby Quince/ })
      .waitFor();
  });

  it('shows results on a phone screen', async () => {
    const page = await signedIn(PHONE);
    await open(page, '/search?q=quince');
    await page.locator(`#client-${id.ottilie}`).waitFor();
    // Nothing wider than the screen.
    const overflow = await page.evaluate(
      () => (globalThis as unknown as InPage).document.documentElement.scrollWidth
    );
    expect(overflow).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page);
    await screenshot(page, 'search-results-phone');
    await open(page, '/search?q=smith');
    // The scope chips count each kind apart, as the lists do, never one sum of all three.
    const kind = String.raw`\d+ (clients?|practitioners?|agency|agencies)`;
    const chip = page.locator('nav[aria-label="Areas to search"] a[aria-current="page"] .count');
    expect(await chip.innerText()).toMatch(new RegExp(`^(none|${kind}(, ${kind})*)$`));
    await screenshot(page, 'search-smith-phone');
    await open(page, '/search');
    await expectAccessible(page);
  });

  it('adds a client after declining a suggested duplicate', async () => {
    const page = await signedIn(DESKTOP);
    await open(page, '/search?q=Rosalind+Quatermain+03/02/2016');
    await page.getByRole('link', { name: 'Add a new client' }).click();
    await page.waitForURL(/\/clients\/new/);
    expect(await page.inputValue('#givenName')).toBe('Rosalind');
    expect(await page.inputValue('#familyName')).toBe('Quatermain');
    expect(await page.inputValue('#dob')).toBe('03/02/2016');
    await page.selectOption('#councilCode', '12380');
    await page.getByRole('button', { name: 'Add client' }).click();

    const question = page.getByRole('heading', { name: 'Is this them?' });
    await question.waitFor();
    const candidate = page.locator(`#client-${id.rosalind}`);
    expect(await candidate.textContent()).toContain('Rosalind Quartermaine');
    expect(await candidate.textContent()).toContain('03/02/2016');
    await expectAccessible(page);
    await screenshot(page, 'add-client-duplicates-desktop');

    await Promise.all([
      page.waitForURL(/\/clients\/(?!new)[^/?#]+$/),
      page.getByRole('button', { name: /No, none of these/ }).click()
    ]);
    const newId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    created.push(newId);
    const { records } = await testDriver().executeQuery(
      `MATCH (p:Practitioner {id: $p})-[m:MEMBER_OF]->(c:Client {id: $c})
       RETURN c.givenName AS given, c.familyName AS family, toString(c.dob) AS dob,
         c.councilCode AS council, m.lead AS lead`,
      { p: practitionerId, c: newId },
      { database: testDatabase() }
    );
    expect(records[0]?.toObject()).toEqual({
      given: 'Rosalind',
      family: 'Quatermain',
      dob: '2016-02-03',
      council: '12380',
      lead: true
    });
  });

  it('shows the add-client form and its errors on a phone', async () => {
    const page = await signedIn(PHONE);
    await open(page, '/clients/new');
    await page.fill('#givenName', 'R2D2');
    await page.fill('#dob', '31/02/2016');
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.getAttribute('#givenName', 'aria-invalid')).toBe('true');
    await expectAccessible(page);
    await screenshot(page, 'add-client-errors-phone');
  });

  it('shows the phone book: practitioner and agency pages with tel, mailto and copy', async () => {
    for (const [viewport, size] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone']
    ] as const) {
      const page = await signedIn(viewport);
      await open(page, `/practitioners/${practitionerId}`);
      await page.locator('a[href^="tel:"]').first().waitFor();
      expect(await page.locator('a[href^="mailto:"]').count()).toBeGreaterThan(0);
      await page
        .getByRole('button', { name: /Copy .*phone number/ })
        .first()
        .waitFor();
      await expectAccessible(page);
      await screenshot(page, `practitioner-${size}`);

      await open(page, `/agencies/${agencyId}`);
      await page.getByRole('heading', { name: /Practitioners/ }).waitFor();
      await expectAccessible(page);
      await screenshot(page, `agency-${size}`);

      await open(page, '/profile/areas?find=parra');
      await page.getByRole('heading', { name: 'My areas' }).waitFor();
      await expectAccessible(page);
      await screenshot(page, `profile-areas-${size}`);
    }
  });

  it('copies a phone number with one tap and says so', async () => {
    const page = await signedIn(DESKTOP);
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await open(page, `/practitioners/${practitionerId}`);
    const copy = page.getByRole('button', { name: /Copy .*phone number/ }).first();
    await copy.click();
    await expect
      .poll(() => page.locator('[aria-live=polite]', { hasText: 'Copied' }).count())
      .toBeGreaterThan(0);
    const tel = await page.locator('a[href^="tel:"]').first().textContent();
    expect(
      await page.evaluate(() => (globalThis as unknown as InPage).navigator.clipboard.readText())
    ).toBe(tel);
  });

  it('answers bad input over HTTP with a message or results, never an error', async () => {
    const page = await signedIn(DESKTOP);
    const inputs = ['', 'j', 'x'.repeat(10_000), '"(~*:^[', 'AND OR NOT', '🎉👩‍👧', 'smith 🎉', '\\'];
    for (const q of inputs) {
      const graphql = await page.request.post('/graphql', {
        data: { query: SEARCH_QUERY, variables: { q } },
        headers: { 'content-type': 'application/json' }
      });
      expect(graphql.status(), q.slice(0, 20)).toBe(200);
      const body = (await graphql.json()) as {
        data?: { search?: { message: string | null } };
        errors?: unknown;
      };
      expect(body.errors, q.slice(0, 20)).toBeUndefined();
      expect(body.data?.search).toBeDefined();

      const html = await page.request.get(`/search?q=${encodeURIComponent(q.slice(0, 2000))}`);
      expect(html.status(), q.slice(0, 20)).toBe(200);
    }
    await open(page, '/search?q=%22(~*%3A%5E%5B');
    expect(await page.locator('.summary').textContent()).toMatch(/letters or numbers/);
    await open(page, '/search?q=j');
    expect(await page.locator('.summary').textContent()).toMatch(/at least 2/);
  });
});
