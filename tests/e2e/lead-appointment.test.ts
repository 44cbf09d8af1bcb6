/**
 * Appointing the lead professional in Chromium, as two practitioners of different agencies would
 * (DESIGN.md rule 4): Alex nominates himself on the team page and sees the nomination waiting;
 * his colleague Bea (same agency) is offered no Confirm button; Cal (another agency) confirms it;
 * Alex's card then shows "Lead professional" and "Lead since", and Alex sees the address Wendy
 * withheld. Screenshots at 1280×800 and an axe-core check of each state.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import {
  checkAccessibility,
  describeViolations,
  launchBrowser,
  newPage,
  screenshot,
  signIn
} from '../support/browser.ts';
import { closeTestDriver } from '../support/db.ts';
import {
  addClient,
  addMember,
  addPractitioner,
  createFixture,
  removeFixture,
  run
} from '../integration/team-fixtures.ts';

const baseUrl = inject('baseUrl');
const PASSWORD = 'browser harbour kettle 2026';

type Person = Awaited<ReturnType<typeof addPractitioner>>;
let fixture: Awaited<ReturnType<typeof createFixture>>;
let alex: Person, bea: Person, cal: Person, wendy: Person;
let client: { id: string };
let secret: string;
let browser: Browser;

async function pageAs(person: Person): Promise<Page> {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await signIn(page, person.email, PASSWORD, `${baseUrl}/login`);
  await page.goto(`${baseUrl}/clients/${client.id}`, { waitUntil: 'networkidle' });
  return page;
}

async function expectAccessible(page: Page): Promise<void> {
  const violations = await checkAccessibility(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

beforeAll(async () => {
  fixture = await createFixture();
  const otherAgency = randomUUID();
  fixture.ids.add(otherAgency);
  await run(
    `MATCH (a:Area {code: $area})
     CREATE (:Agency {id: $id, name: 'Eastside Housing ' + $tag, kind: 'HOUSING',
       phone: '02 9333 0000', dutyPhone: '02 9333 0001', sensitive: false})-[:SERVES]->(a)`,
    { area: fixture.areaCode, id: otherAgency, tag: fixture.tag }
  );
  alex = await addPractitioner(fixture, 'Alex Xavier');
  bea = await addPractitioner(fixture, 'Bea Xu');
  cal = await addPractitioner(fixture, 'Cal Young');
  wendy = await addPractitioner(fixture, 'Wendy Withholder');
  await run(
    `MATCH (p:Practitioner {id: $cal})-[w:WORKS_AT]->() DELETE w
     WITH DISTINCT p MATCH (a:Agency {id: $agency}) CREATE (p)-[:WORKS_AT {since: datetime()}]->(a)`,
    { cal: cal.id, agency: otherAgency }
  );
  const hash = await hashPassword(PASSWORD);
  await run(`MATCH (p:Practitioner) WHERE p.id IN $ids SET p.passwordHash = $hash`, {
    ids: [alex.id, bea.id, cal.id, wendy.id],
    hash
  });
  secret = `3 Quiet Close ${fixture.tag}`;
  client = await addClient(fixture, 'Mina', { address: { text: secret, withheldById: wendy.id } });
  for (const p of [alex, bea, cal, wendy]) await addMember(p.id, client.id);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (fixture) {
    await run(`MATCH (p:LeadProposal {clientId: $id}) DETACH DELETE p`, { id: client?.id ?? '' });
    await removeFixture(fixture);
  }
  await closeTestDriver();
});

describe('appointing the lead professional in the browser', () => {
  it('nominate yourself, a colleague cannot confirm, another agency confirms', async () => {
    const alexPage = await pageAs(alex);
    expect(await alexPage.content()).toContain('Nobody is the lead professional yet');
    expect(await alexPage.getByRole('button', { name: 'Take the lead' }).count()).toBe(0);
    await alexPage.getByRole('button', { name: 'Nominate myself as lead' }).click();
    await alexPage.getByText('Lead nomination waiting').waitFor();
    expect(await alexPage.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
    expect(await alexPage.getByRole('button', { name: 'Decline' }).count()).toBe(1);
    expect(await alexPage.getByRole('button', { name: 'Confirm' }).count()).toBe(0);
    await screenshot(alexPage, 'lead-nominated-1280');
    await expectAccessible(alexPage);

    const beaPage = await pageAs(bea);
    expect(await beaPage.getByText('Lead nomination waiting').count()).toBe(1);
    expect(await beaPage.getByRole('button', { name: 'Confirm' }).count()).toBe(0);
    await beaPage.close();

    const calPage = await pageAs(cal);
    await calPage.getByRole('button', { name: 'Confirm' }).click();
    await calPage.getByText('The lead professional has changed').waitFor();
    expect(await calPage.getByText('Lead nomination waiting').count()).toBe(0);
    expect(await calPage.content()).not.toContain(secret);
    await screenshot(calPage, 'lead-confirmed-1280');
    await expectAccessible(calPage);

    await alexPage.goto(`${baseUrl}/clients/${client.id}`, { waitUntil: 'networkidle' });
    const card = alexPage.locator('article.member.lead');
    expect(await card.innerText()).toContain('Lead professional');
    expect(await card.innerText()).toContain('Lead since');
    expect(await alexPage.content()).toContain(secret);
    expect(await alexPage.getByRole('button', { name: /Offer the lead to Bea/ }).count()).toBe(1);
    await screenshot(alexPage, 'lead-appointed-1280');
    await expectAccessible(alexPage);

    const [row] = await run(
      `MATCH (:Practitioner {id: $id})-[m:MEMBER_OF]->(:Client {id: $client})
       RETURN m.lead AS lead, m.leadVia AS via, m.leadAppointedById AS by`,
      { id: alex.id, client: client.id }
    );
    expect(row).toEqual({ lead: true, via: 'confirmed', by: cal.id });
  });
});
