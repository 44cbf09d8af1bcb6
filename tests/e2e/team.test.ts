/**
 * The team around a client, end to end in Chromium against the built app (port 3100), as the demo
 * account practitioner@: the team page and its email-the-team link, adding two of their own
 * clients to a circle and seeing the reciprocal link, joining a circle member's team, and a
 * meeting pack printed on A4 with its .ics invitation. Screenshots at 360×740 and 1280×800 and
 * an axe-core check on every page.
 *
 * Fixtures (unique to the run, deleted afterwards): Alana (practitioner@ and Pat, the lead
 * professional, are on her team, with a restricted member Rita; Pat withheld her address), Bella and Cody (practitioner@'s
 * own clients), Dawn (Alana's mother, whose team practitioner@ is not on).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { config } from '../../src/lib/server/config.ts';
import { formatUtc } from '../../src/lib/server/meetings/ics.ts';
import { zonedTimeToUtc } from '../../src/lib/server/meetings/meeting-params.ts';
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
  eventsFor,
  removeFixture,
  run
} from '../integration/team-fixtures.ts';

const baseUrl = inject('baseUrl');
const EMAIL = 'practitioner@teamaround.example';

let browser: Browser;
let page: Page;
let fixture: Awaited<ReturnType<typeof createFixture>>;
type Person = Awaited<ReturnType<typeof addPractitioner>>;
type Client = Awaited<ReturnType<typeof addClient>>;
let me: { id: string; email: string };
let pat: Person, rita: Person;
let alana: Client, bella: Client, cody: Client, dawn: Client;
let hiddenAddress: string;
let meetingUrl = '';

async function signInAs(target: Page, email: string): Promise<void> {
  await signIn(target, email, config().demoPassword, `${baseUrl}/login`);
}

async function expectAccessible(target: Page): Promise<void> {
  const violations = await checkAccessibility(target);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Screenshots at both sizes (and axe at both: the layout differs). */
async function capture(path: string, name: string): Promise<void> {
  const small = await newPage(browser, { width: 360, height: 740 });
  await small.context().addCookies(await page.context().cookies());
  await small.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  await screenshot(small, `team-${name}-360`);
  await expectAccessible(small);
  await small.context().close();
  await screenshot(page, `team-${name}-1280`);
  await expectAccessible(page);
}

beforeAll(async () => {
  const [found] = await run('MATCH (p:Practitioner {email: $email}) RETURN p.id AS id', {
    email: EMAIL
  });
  if (!found) throw new Error(`The seeded demo account ${EMAIL} is missing.`);
  me = { id: found.id as string, email: EMAIL };
  fixture = await createFixture();
  pat = await addPractitioner(fixture, 'Pat Partner');
  rita = await addPractitioner(fixture, 'Rita Refuge', { sensitive: true });
  hiddenAddress = `4 Safe Harbour Road ${fixture.tag}`;
  alana = await addClient(fixture, 'Alana', {
    address: { text: hiddenAddress, withheldById: pat.id }
  });
  bella = await addClient(fixture, 'Bella');
  cody = await addClient(fixture, 'Cody');
  dawn = await addClient(fixture, 'Dawn');
  // Pat (who withheld the address) leads; practitioner@ is neither, so must not see it.
  await addMember(me.id, alana.id);
  await addMember(pat.id, alana.id, { lead: true });
  await addMember(rita.id, alana.id, { restricted: true });
  await addMember(me.id, bella.id);
  await addMember(me.id, cody.id);
  await addMember(pat.id, dawn.id);
  await run(
    `MATCH (d:Client {id: $dawn}), (a:Client {id: $alana})
     CREATE (d)-[:IN_CIRCLE {kind: 'FAMILY', label: 'mother', reciprocal: 'daughter',
       since: datetime(), addedBy: $pat}]->(a)`,
    { dawn: dawn.id, alana: alana.id, pat: pat.id }
  );
  browser = await launchBrowser();
  page = await newPage(browser, { width: 1280, height: 800 });
  await signInAs(page, EMAIL);
});

afterAll(async () => {
  await browser?.close();
  if (fixture) await removeFixture(fixture);
  await closeTestDriver();
});

describe('the team around a client', () => {
  it('shows the team, masks the restricted member and offers a correct mailto', async () => {
    await page.goto(`${baseUrl}/clients/${alana.id}`, { waitUntil: 'networkidle' });
    expect(await page.locator('h1').innerText()).toContain(`Alana ${alana.familyName}`);
    const html = await page.content();
    expect(html).toContain(pat.name);
    expect(html).toContain('A restricted service is involved');
    // Rule 3: no duty line either (it matches exactly one agency in the phone book).
    for (const secret of [
      rita.name,
      rita.email,
      fixture.sensitiveAgencyName,
      fixture.dutyPhone,
      hiddenAddress
    ]) {
      expect(html).not.toContain(secret);
    }
    expect(html).toContain(`Address withheld for safety — ask ${pat.name}`);
    expect(
      await page.locator('nav[aria-label="Client sections"] a[aria-current="page"]').innerText()
    ).toBe('Team');
    await capture(`/clients/${alana.id}`, 'page');

    // The button posts to the emailTeam action, which records the view and answers with the
    // mailto (the browser hands it to the mail app, so read the answer itself).
    const button = page.getByRole('button', { name: 'Email the whole team' });
    expect(await button.evaluate((b) => b.closest('form')?.getAttribute('action'))).toBe(
      '?/emailTeam'
    );
    const response = await page.request.post(`${baseUrl}/clients/${alana.id}?/emailTeam`, {
      form: {},
      headers: { origin: baseUrl, accept: 'text/html' },
      maxRedirects: 0
    });
    expect(response.status()).toBe(303);
    const mailto = new URL(response.headers().location ?? '');
    expect(mailto.protocol).toBe('mailto:');
    expect(decodeURIComponent(mailto.pathname).split(',')).toEqual([pat.email]);
    const subject = mailto.searchParams.get('subject') ?? '';
    expect(subject).toContain('Alana C.');
    expect(subject).not.toContain(alana.familyName);
    const audits = (await eventsFor([alana.id])).filter((e) => e.type === 'team.emailed');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: me.id, audit: true });
  });

  it('adds two of my clients to the circle and shows the reciprocal links', async () => {
    await page.goto(`${baseUrl}/clients/${alana.id}/circle`, { waitUntil: 'networkidle' });
    const add = page.locator('form[action="?/add"]');
    await add.locator(`input[name="add"][value="${bella.id}"]`).check();
    await add.locator(`select[name="relationship-${bella.id}"]`).selectOption('sibling|sibling');
    await add.locator(`input[name="add"][value="${cody.id}"]`).check();
    await add.locator(`select[name="relationship-${cody.id}"]`).selectOption('son|mother');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('?/add')),
      add.getByRole('button', { name: 'Add to the circle' }).click()
    ]);
    await page.waitForSelector('text=Added 2 people to the circle');
    await page.goto(`${baseUrl}/clients/${alana.id}/circle`, { waitUntil: 'networkidle' });
    const circle = await page.locator('.people').innerText();
    expect(circle).toMatch(/SIBLING\s+Bella/i);
    expect(circle).toMatch(/SON\s+Cody/i);
    expect(circle).toMatch(/MOTHER\s+Dawn/i);
    expect(await page.content()).not.toContain(hiddenAddress);
    await capture(`/clients/${alana.id}/circle`, 'circle');

    await page.goto(`${baseUrl}/clients/${cody.id}/circle`, { waitUntil: 'networkidle' });
    expect(await page.locator('.people').innerText()).toMatch(/MOTHER\s+Alana/i);
    await page.goto(`${baseUrl}/clients/${bella.id}/circle`, { waitUntil: 'networkidle' });
    expect(await page.locator('.people').innerText()).toMatch(/SIBLING\s+Alana/i);
  });

  it('joins a circle member’s team from the circle tab', async () => {
    await page.goto(`${baseUrl}/clients/${alana.id}/circle`, { waitUntil: 'networkidle' });
    const card = page.locator('article', { hasText: `Dawn ${dawn.familyName}` });
    // Not on their team: the name and the relationship only (issue 14, hole 8) — their
    // practitioners, agencies and date of birth stay hidden until joining.
    expect(await card.innerText()).toContain('Join their team to see who is working with them.');
    expect(await card.innerText()).not.toContain(fixture.agencyName);
    expect(await card.innerText()).not.toContain(pat.name);
    expect(await card.innerText()).not.toMatch(/Born /);
    await card.locator('summary', { hasText: 'Join team' }).click();
    await card.locator('textarea[name="reason"]').fill('Working with the family');
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/clients/${dawn.id}`),
      card.getByRole('button', { name: 'Join the team' }).click()
    ]);
    await page.waitForSelector('text=You joined the team');
    expect(await page.content()).toContain(pat.name);
  });

  it('builds a meeting pack that prints on A4 and offers an .ics invitation', async () => {
    await page.goto(`${baseUrl}/clients/${alana.id}/meeting`, { waitUntil: 'networkidle' });
    await capture(`/clients/${alana.id}/meeting`, 'meeting');
    const attendees = page.locator('input[name="attendees"]');
    await page.locator(`input[name="attendees"][value="${me.id}"]`).check();
    await page.locator(`input[name="attendees"][value="${pat.id}"]`).check();
    const restricted = page.locator('input[name="attendees"][value^="restricted-"]').first();
    await restricted.check();
    expect(await attendees.count()).toBeGreaterThanOrEqual(3);
    await page.fill('input[name="start"]', '2027-03-04T10:00');
    await page.fill('input[name="durationMinutes"]', '90');
    await Promise.all([
      page.waitForURL((url) => url.pathname.endsWith('/meeting/pack')),
      page.getByRole('button', { name: 'Build the meeting pack' }).click()
    ]);
    await page.waitForLoadState('networkidle');
    meetingUrl = page.url();
    const pack = await page.locator('article.pack').innerText();
    expect(pack).toContain(pat.name);
    expect(pack).toContain('A restricted service');
    expect(pack).not.toContain(fixture.dutyPhone);
    expect(pack).toMatch(/Introductions[\s\S]*Apologies[\s\S]*Confidentiality/);
    expect(pack).toContain('Withheld for safety');
    expect(pack).toMatch(/Cody[\s\S]*son/);
    expect(pack).toContain('joined the team');
    const html = await page.content();
    for (const secret of [hiddenAddress, rita.name, rita.email, fixture.sensitiveAgencyName]) {
      expect(html).not.toContain(secret);
    }
    // The network drawing: the explorer's picture of the family, by the same rules.
    const drawing = page.getByRole('img', { name: /^Network diagram of Alana’s circle/ });
    const src = (await drawing.getAttribute('src')) ?? '';
    expect(src.startsWith('data:image/svg+xml')).toBe(true);
    const svg = decodeURIComponent(src.slice(src.indexOf(',') + 1));
    const words = svg.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const shown of ['The network around Alana', pat.name, 'Dawn', 'Restricted service']) {
      expect(words).toContain(shown);
    }
    expect(words).not.toContain(fixture.dutyPhone);
    for (const secret of [hiddenAddress, rita.name, rita.email, fixture.sensitiveAgencyName]) {
      expect(svg).not.toContain(secret);
    }
    expect(
      await drawing.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)
    ).toBeGreaterThan(100);
    await capture(new URL(meetingUrl).pathname + new URL(meetingUrl).search, 'pack');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print the pack' }).isVisible()).toBe(false);
    expect(await page.locator('article.pack').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the invitation (.ics)' }).click()
    ]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const ics = await readFile(path, 'utf8');
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
    const value = (name: string) =>
      lines.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
    expect(value('BEGIN').map((l) => l.split(':')[1])).toEqual(['VCALENDAR', 'VEVENT']);
    expect(value('SUMMARY')).toEqual(['SUMMARY:Multi-agency meeting — Alana C.']);
    // 10:00 on 4 March 2027 in the browser's time zone, which the planner sent along.
    const tz = new URL(meetingUrl).searchParams.get('tz') ?? '';
    const start = zonedTimeToUtc('2027-03-04T10:00', tz);
    expect(start).not.toBeNull();
    const end = new Date((start?.getTime() ?? 0) + 90 * 60_000);
    expect(value('DTSTART')).toEqual([`DTSTART:${formatUtc(start ?? new Date(NaN))}`]);
    expect(value('DTEND')).toEqual([`DTEND:${formatUtc(end)}`]);
    expect(value('UID')).toHaveLength(1);
    expect(value('DTSTAMP')).toHaveLength(1);
    const invited = value('ATTENDEE').map((l) => /:(mailto:[^:]+)$/.exec(l)?.[1]);
    expect(invited.sort()).toEqual([`mailto:${EMAIL}`, `mailto:${pat.email}`].sort());
    // Long lines are folded at 75 octets: read the text unfolded.
    const unfolded = lines.join('\n');
    expect(unfolded).toContain('A restricted service is invited too');
    for (const secret of [hiddenAddress, alana.familyName, rita.email, fixture.dutyPhone]) {
      expect(unfolded).not.toContain(secret);
    }
  });

  it('sends the pack to the attendees through the outbox', async () => {
    await page.goto(meetingUrl, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Send to attendees' }).click();
    await page.waitForSelector('text=The pack link is being emailed to 2 attendees');
    const [sent] = (await eventsFor([alana.id])).filter((e) => e.type === 'meeting.pack.sent');
    expect(sent).toMatchObject({ actorId: me.id, outbox: true });
    const data = JSON.parse(sent?.data ?? '{}') as { attendeeIds: string[] };
    expect(data.attendeeIds.sort()).toEqual([pat.id, rita.id].sort());
  });

  it('shows a non-member only the public summary and a join form', async () => {
    const other = await newPage(browser, { width: 1280, height: 800 });
    await signInAs(other, 'newcomer@teamaround.example');
    for (const path of ['', '/circle', '/activity', '/meeting']) {
      await other.goto(`${baseUrl}/clients/${alana.id}${path}`, { waitUntil: 'networkidle' });
      const html = await other.content();
      expect(html).toContain('You are not on this client’s team');
      for (const secret of [pat.name, pat.email, 'Bella', hiddenAddress, fixture.dutyPhone]) {
        expect(html).not.toContain(secret);
      }
    }
    await screenshot(other, 'team-non-member-1280');
    await expectAccessible(other);
    const denied = (await eventsFor([alana.id])).filter((e) => e.type === 'access.denied');
    expect(denied.length).toBeGreaterThanOrEqual(4);
    const missing = await other.goto(`${baseUrl}/clients/00000000-0000-0000-0000-000000000000`);
    expect(missing?.status()).toBe(404);
    await other.context().close();
  });
});
