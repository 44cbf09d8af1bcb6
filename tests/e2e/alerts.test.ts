/**
 * Attentions and email alerts end to end, in Chromium against the built app on port 3100 with
 * the worker process running beside it (started here, with the e2e server's environment: no
 * RESEND_API_KEY, so emails land in the local outbox that /dev/outbox lists).
 *
 * practitioner@ raises an urgent attention; the other members' emails appear in /dev/outbox; a
 * member follows the email's link, signs in and acknowledges; the raiser sees who acknowledged;
 * the unsubscribe link works without signing in.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { config } from '../../src/lib/server/config.ts';
import { database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import {
  checkAccessibility,
  describeViolations,
  launchBrowser,
  newPage,
  screenshot,
  signIn
} from '../support/browser.ts';
import { closeTestDriver } from '../support/db.ts';
import { spawnWorkerProcess, workerReady, type WorkerProcess } from '../support/worker-process.ts';

const baseUrl = inject('baseUrl');
const tag = randomUUID().slice(0, 8);
const clientId = randomUUID();
const robin = {
  id: randomUUID(),
  email: `robin-${tag}@fixtures.teamaround.example`,
  password: `robin-e2e-${tag}-password`,
  name: 'Robin Ashdown'
};
const agencyId = randomUUID();
const MESSAGE = `Family moved on ${tag}; the school has the new contact number`;
const ids = [clientId, robin.id, agencyId];

let browser: Browser;
let worker: WorkerProcess;

/**
 * A page signed in as the admin, to read /dev/outbox: the development outbox is for signed-in
 * users only (it holds every email, reset links included), like every page but sign-in's own.
 */
async function outboxReader(viewport?: { width: number; height: number }): Promise<Page> {
  const page = await newPage(browser, viewport);
  await signIn(
    page,
    'admin@teamaround.example',
    config().demoPassword,
    `${baseUrl}/login?next=/dev/outbox`
  );
  return page;
}

async function outboxEmails(page: Page): Promise<{ href: string; subject: string; to: string }[]> {
  await page.goto(`${baseUrl}/dev/outbox`);
  return page.$$eval('ul.emails li', (items) =>
    items.map((li) => {
      const link = li.querySelector('a');
      return {
        href: link?.getAttribute('href') ?? '',
        subject: link?.textContent?.trim() ?? '',
        to: li.textContent ?? ''
      };
    })
  );
}

async function waitForEmails(
  page: Page,
  subject: string,
  recipients: string[]
): Promise<{ href: string; to: string }[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = (await outboxEmails(page)).filter(
      (e) => e.subject === subject && recipients.some((r) => e.to.includes(r))
    );
    if (found.length >= recipients.length) return found;
    if (Date.now() > deadline) {
      throw new Error(
        `Expected ${recipients.length} emails "${subject}" in /dev/outbox, found ${found.length}. Pipeline: ${await pipelineState()}`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Where the team's events got to, for a failure message. */
async function pipelineState(): Promise<string> {
  const { records } = await getDriver().executeQuery(
    `MATCH (e:Event {clientId: $clientId}) WHERE e.outbox
     RETURN e.type AS type, e.publishedAt IS NOT NULL AS published, e.fannedOutAt IS NOT NULL AS fannedOut,
       COLLECT { MATCH (n:Notification {eventId: e.id}) RETURN n.status + coalesce(' ' + n.error, '') } AS notifications`,
    { clientId },
    { database: database() }
  );
  return JSON.stringify(records.map((r) => r.toObject()));
}

beforeAll(async () => {
  const driver = getDriver();
  // A team of its own, so the demo data other tests rely on is untouched: practitioner@ (lead),
  // restricted@ (restricted member) and Robin, a fixture practitioner who can sign in.
  await driver.executeQuery(
    `CREATE (c:Client {id: $clientId, givenName: 'Jordan', familyName: 'Ellisworth', councilCode: '10750', createdAt: datetime()})
     CREATE (a:Agency {id: $agencyId, name: 'Northside Public School ${tag}', kind: 'SCHOOL', sensitive: false, createdAt: datetime()})
     CREATE (r:Practitioner {id: $robinId, name: $robinName, email: $robinEmail, passwordHash: $hash, status: 'ACTIVE',
       roles: ['practitioner'], timeZone: 'Australia/Sydney', createdAt: datetime()})-[:WORKS_AT {since: datetime()}]->(a)
     CREATE (r)-[:MEMBER_OF {since: datetime(), reason: 'e2e', restricted: false, lead: false, lastConfirmedAt: datetime()}]->(c)
     WITH c
     MATCH (p:Practitioner {email: 'practitioner@teamaround.example'}), (d:Practitioner {email: 'restricted@teamaround.example'})
     CREATE (p)-[:MEMBER_OF {since: datetime(), reason: 'e2e', restricted: false, lead: true, lastConfirmedAt: datetime()}]->(c)
     CREATE (d)-[:MEMBER_OF {since: datetime(), reason: 'e2e', restricted: true, lead: false, lastConfirmedAt: datetime()}]->(c)`,
    {
      clientId,
      agencyId,
      robinId: robin.id,
      robinName: robin.name,
      robinEmail: robin.email,
      hash: await hashPassword(robin.password)
    },
    { database: database() }
  );
  worker = spawnWorkerProcess({}, 'e2e-alerts-worker');
  await workerReady(worker);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await worker?.kill('SIGTERM');
  await getDriver().executeQuery(
    `CALL () { MATCH (n:Notification {clientId: $clientId}) DETACH DELETE n }
     CALL () { MATCH (at:Attention)-[:ABOUT]->(:Client {id: $clientId}) DETACH DELETE at }
     CALL () { MATCH (e:Event {clientId: $clientId}) DETACH DELETE e }
     CALL () { MATCH (n) WHERE n.id IN $ids DETACH DELETE n }`,
    { clientId, ids },
    { database: database() }
  );
  await closeTestDriver();
});

describe('attentions and email alerts', () => {
  let raiser: Page;
  let unsubscribeUrl = '';
  let emailLink = '';

  it('practitioner@ raises an urgent attention, with the no-case-notes reminder in view', async () => {
    raiser = await newPage(browser);
    await signIn(
      raiser,
      'practitioner@teamaround.example',
      config().demoPassword,
      `${baseUrl}/login?next=/clients/${clientId}/attentions`
    );
    expect(new URL(raiser.url()).pathname).toBe(`/clients/${clientId}/attentions`);
    await expect(raiser.textContent('#reminder')).resolves.toContain('Do not write case notes');
    await raiser.fill('#message', MESSAGE);
    await raiser.check('input[name=priority][value=URGENT]');
    await screenshot(raiser, 'alerts-1-raise-form');
    await raiser.click('text=Raise and tell the team');
    await raiser.waitForSelector('text=Attention raised');
    await expect(raiser.textContent('main')).resolves.toContain(MESSAGE);
    await expect(raiser.textContent('main')).resolves.toContain('0 of 2 acknowledged');
    await screenshot(raiser, 'alerts-2-raised');
    const violations = await checkAccessibility(raiser);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('the other members get an email in /dev/outbox that names nobody restricted and no details', async () => {
    const page = await outboxReader();
    const emails = await waitForEmails(page, 'URGENT: Urgent attention raised about Jordan E.', [
      robin.email,
      'restricted@teamaround.example'
    ]);
    await screenshot(page, 'alerts-3-outbox');
    expect(
      (await outboxEmails(page)).some(
        (e) => e.to.includes('practitioner@teamaround.example') && e.subject.includes('Jordan E.')
      )
    ).toBe(false);
    const toRobin = emails.find((e) => e.to.includes(robin.email))!;
    const phone = await outboxReader({ width: 390, height: 844 });
    await phone.goto(new URL(toRobin.href, `${baseUrl}/dev/outbox`).href);
    await screenshot(phone, 'alerts-4-email-on-phone');
    const body = (await phone.textContent('body')) ?? '';
    expect(body).toContain('Chris Walker');
    expect(body).not.toContain('Ellisworth');
    expect(body).not.toContain(MESSAGE);
    emailLink =
      (await phone.getAttribute('a:has-text("Open the team around Jordan E.")', 'href')) ?? '';
    unsubscribeUrl = (await phone.getAttribute('a:has-text("Unsubscribe")', 'href')) ?? '';
    expect(emailLink).toBe(`${baseUrl}/clients/${clientId}`);
    expect(unsubscribeUrl).toMatch(new RegExp(`^${baseUrl}/unsubscribe/[\\w-]+\\.[\\w-]+$`));
    await phone.context().close();
    await page.context().close();
  });

  it('a member follows the link, signs in and acknowledges', async () => {
    const member = await newPage(browser, { width: 390, height: 844 });
    await member.goto(emailLink);
    expect(new URL(member.url()).pathname).toBe('/login');
    await signIn(member, robin.email, robin.password, member.url());
    expect(new URL(member.url()).pathname).toBe(`/clients/${clientId}`);
    await member.goto(`${baseUrl}/clients/${clientId}/attentions`);
    await screenshot(member, 'alerts-5-member-before-ack');
    await member.click('button:has-text("Acknowledge")');
    await member.waitForSelector('text=You have acknowledged this.');
    await screenshot(member, 'alerts-6-member-acknowledged');
    // Their inbox across teams agrees.
    await member.goto(`${baseUrl}/attentions`);
    await expect(member.textContent('main')).resolves.toContain('You have acknowledged this.');
    await member.context().close();
  });

  it('the raiser sees who acknowledged; a restricted member only as "a restricted service"', async () => {
    const restricted = await newPage(browser);
    await signIn(
      restricted,
      'restricted@teamaround.example',
      config().demoPassword,
      `${baseUrl}/login?next=/clients/${clientId}/attentions`
    );
    await restricted.click('button:has-text("Acknowledge")');
    await restricted.waitForSelector('text=You have acknowledged this.');
    await restricted.context().close();

    await raiser.reload();
    const main = (await raiser.textContent('main')) ?? '';
    expect(main).toContain('2 of 2 acknowledged');
    expect(main).toContain(`${robin.name} (Northside Public School ${tag})`);
    expect(main).toContain('a restricted service');
    expect(main).not.toContain('Dana Haddad');
    await screenshot(raiser, 'alerts-7-raiser-sees-acknowledgements');

    // Everyone has seen it: the raiser is told by email.
    const page = await outboxReader();
    await waitForEmails(page, 'Everyone has acknowledged your attention about Jordan E.', [
      'practitioner@teamaround.example'
    ]);
    await page.context().close();
  });

  it('non-members get a 403 with nothing of the team in it', async () => {
    const outsider = await newPage(browser);
    await signIn(
      outsider,
      'newcomer@teamaround.example',
      config().demoPassword,
      `${baseUrl}/login`
    );
    const response = await outsider.goto(`${baseUrl}/clients/${clientId}/attentions`);
    expect(response?.status()).toBe(403);
    const text = (await outsider.textContent('body')) ?? '';
    expect(text).not.toContain(MESSAGE);
    expect(text).not.toContain('Jordan');
    await screenshot(outsider, 'alerts-8-non-member-403');
    await outsider.context().close();
  });

  it('the unsubscribe link works without signing in', async () => {
    const anonymous = await newPage(browser, { width: 390, height: 844 });
    await anonymous.goto(unsubscribeUrl);
    expect(new URL(anonymous.url()).pathname).toMatch(/^\/unsubscribe\//);
    await expect(anonymous.textContent('main')).resolves.toContain('An attention is raised');
    await screenshot(anonymous, 'alerts-9-unsubscribe-confirm');
    await anonymous.click('button:has-text("Unsubscribe")');
    await anonymous.waitForSelector('text=You are unsubscribed');
    await screenshot(anonymous, 'alerts-10-unsubscribed');
    const { records } = await getDriver().executeQuery(
      'MATCH (p:Practitioner {id: $id}) RETURN p.alertPrefs AS prefs',
      { id: robin.id },
      { database: database() }
    );
    expect(JSON.parse(records[0]?.get('prefs') as string)).toEqual({ 'attention.raised': 'OFF' });
    // A forged token is refused.
    const forged = await anonymous.goto(`${unsubscribeUrl.replace(/\.[\w-]+$/, '')}.AAAA`);
    expect(forged?.status()).toBe(404);
    await anonymous.context().close();
  });

  it('the settings page shows the choice the unsubscribe made', async () => {
    const member = await newPage(browser);
    await signIn(
      member,
      robin.email,
      robin.password,
      `${baseUrl}/login?next=/settings/notifications`
    );
    const off = await member.isChecked('input[name="mode.attention.raised"][value=OFF]');
    expect(off).toBe(true);
    await member.check('input[name="mode.team.joined"][value=DIGEST]');
    await member.click('button:has-text("Save")');
    await member.waitForSelector('text=Saved.');
    await screenshot(member, 'alerts-11-settings');
    const violations = await checkAccessibility(member);
    expect(violations, describeViolations(violations)).toEqual([]);
    await member.context().close();
  });
});
