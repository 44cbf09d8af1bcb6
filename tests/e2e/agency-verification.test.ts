/**
 * Sensitive agency verification in Chromium, as people use it: a practitioner who chose a
 * domestic-violence service sees on their profile that it waits for verification; the demo admin
 * opens the verifications page, approves them, and the practitioner's profile then names the
 * service. Screenshots at 1280×800 and 360×740, and an axe-core check on each page.
 *
 * Fixtures (unique to the run, deleted afterwards): a council with a DV service, and Cleo, who
 * claimed it (a PENDING AgencyVerification, no WORKS_AT).
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { config } from '../../src/lib/server/config.ts';
import {
  checkAccessibility,
  describeViolations,
  launchBrowser,
  newPage,
  screenshot,
  signIn
} from '../support/browser.ts';
import { closeTestDriver } from '../support/db.ts';
import { FIXTURE_PASSWORD, addPerson, type Person } from '../integration/accounts-fixtures.ts';
import { createFixture, removeFixture, run } from '../integration/team-fixtures.ts';

const baseUrl = inject('baseUrl');
const ADMIN = 'admin@teamaround.example';

let browser: Browser;
let fixture: Awaited<ReturnType<typeof createFixture>>;
let cleo: Person;
const verificationId = randomUUID();

async function expectAccessible(page: Page): Promise<void> {
  const violations = await checkAccessibility(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function pageAs(email: string, password: string, width = 1280): Promise<Page> {
  const page = await newPage(browser, { width, height: width > 800 ? 800 : 740 });
  await signIn(page, email, password, `${baseUrl}/login`);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
  fixture = await createFixture();
  cleo = await addPerson(fixture, 'Cleo Claimant');
  await run(
    `CREATE (:AgencyVerification {id: $id, practitionerId: $p, agencyId: $a, status: 'PENDING',
       createdAt: datetime()})`,
    { id: verificationId, p: cleo.id, a: fixture.sensitiveId }
  );
});

afterAll(async () => {
  await browser?.close();
  if (fixture) {
    await run(
      `MATCH (e:Event) WHERE e.subjectId = $v
       OPTIONAL MATCH (n:Notification {eventId: e.id})
       DETACH DELETE n, e`,
      { v: verificationId }
    );
    await run('MATCH (v:AgencyVerification {id: $v}) DETACH DELETE v', { v: verificationId });
    await removeFixture(fixture);
  }
  await closeTestDriver();
});

describe('sensitive agency verification in the browser', () => {
  it('the claimant’s profile says their membership waits for verification', async () => {
    const page = await pageAs(cleo.email, FIXTURE_PASSWORD);
    await page.goto(`${baseUrl}/profile`, { waitUntil: 'networkidle' });
    const text = await page.locator('main').textContent();
    expect(text).toContain(`Your membership of ${fixture.sensitiveAgencyName} is waiting`);
    await screenshot(page, 'agency-verification-claimant-pending-1280');
    await expectAccessible(page);
    await page.context().close();
  });

  it('the admin approves them from the verifications page', async () => {
    const small = await pageAs(ADMIN, config().demoPassword, 360);
    await small.goto(`${baseUrl}/admin/agency-verifications`, { waitUntil: 'networkidle' });
    await screenshot(small, 'agency-verification-admin-360');
    await expectAccessible(small);
    const overflow = await small.evaluate<boolean>(
      'document.documentElement.scrollWidth > document.documentElement.clientWidth'
    );
    expect(overflow).toBe(false);
    await small.context().close();

    const page = await pageAs(ADMIN, config().demoPassword);
    await page.goto(`${baseUrl}/admin/agency-verifications`, { waitUntil: 'networkidle' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Sensitive agency verifications'
    );
    await screenshot(page, 'agency-verification-admin-1280');
    await expectAccessible(page);
    await page.getByRole('button', { name: `Approve ${cleo.name}` }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Approved');
    await screenshot(page, 'agency-verification-admin-approved-1280');
    const [row] = await run('MATCH (v:AgencyVerification {id: $v}) RETURN v.status AS status', {
      v: verificationId
    });
    expect(row).toEqual({ status: 'APPROVED' });
    await page.context().close();
  });

  it('the claimant’s profile then names the service as their agency', async () => {
    const page = await pageAs(cleo.email, FIXTURE_PASSWORD);
    await page.goto(`${baseUrl}/profile`, { waitUntil: 'networkidle' });
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(fixture.sensitiveAgencyName);
    expect(text).not.toContain('waiting to be verified');
    await screenshot(page, 'agency-verification-claimant-verified-1280');
    await page.context().close();
  });
});
