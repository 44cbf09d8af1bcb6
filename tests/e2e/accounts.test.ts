/**
 * Accounts in Chromium, as people use them: the demo practitioner invites a colleague; the
 * colleague follows the link from the outbox, sets up their account, signs out, forgets their
 * password and resets it; five wrong passwords then lock sign-in with the same message even for
 * the right one. Screenshots at phone and desktop sizes; axe-core on every accounts page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  checkAccessibility,
  describeViolations,
  launchBrowser,
  screenshot
} from '../support/browser.ts';
import { closeTestDriver, nameTag, testDatabase, testDriver } from '../support/db.ts';

const INVITER = 'practitioner@teamaround.example';
/** /dev/outbox shows others' emails to admins only (issue 15, finding 4). */
const OUTBOX_READER = 'admin@teamaround.example';
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'teamaround-demo-2026';
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const FIRST_PASSWORD = 'lantern orchard pebble';
const NEW_PASSWORD = 'copper meadow harbour';
const SIGN_IN_FAILED = /do not match an active account/;

// Letters only: the invitee's name carries it, and a name may hold no digits.
const tag = nameTag();
const inviteeEmail = `e2e.invitee.${tag}@fixture.example`;
const inviteeName = `Ivy Tester ${tag}`;

describe('accounts: invite, activate, reset, lock', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let inviter: Page;
  let outbox: Page;
  let invitee: Page;

  async function newPageAt(viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL: baseUrl });
    contexts.push(context);
    return context.newPage();
  }

  async function expectAccessible(page: Page): Promise<void> {
    const violations = await checkAccessibility(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  /** Opens a page and waits until it is hydrated: typing earlier would be wiped by hydration. */
  async function open(page: Page, path: string) {
    return page.goto(path, { waitUntil: 'networkidle' });
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await open(page, '/login');
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('main form button[type=submit]');
    // Either signed in (away from /login) or refused (the error message appears).
    await Promise.race([
      page.waitForURL((url) => url.pathname !== '/login'),
      page.getByRole('alert').waitFor()
    ]);
    await page.waitForLoadState('networkidle');
  }

  /** The first link to `path` in the newest outbox email to `to` (read as an admin). */
  async function linkFromOutbox(to: string, path: '/activate/' | '/reset/'): Promise<string> {
    await outbox.goto('/dev/outbox');
    const item = outbox.locator('li', { hasText: to }).first();
    // Links may be relative (SvelteKit's resolve() renders them so): resolve against the page.
    const attribute = await item.locator('a').first().getAttribute('href');
    const href = new URL(attribute ?? '', outbox.url()).href;
    expect(new URL(href).pathname).toMatch(/^\/dev\/outbox\/[0-9a-f-]{36}$/);
    const response = await outbox.goto(href);
    expect(response?.headers()['content-security-policy']).toContain('sandbox');
    const link = await outbox.locator(`a[href*="${path}"]`).first().getAttribute('href');
    expect(link).toMatch(new RegExp(`${path}[A-Za-z0-9_-]{43}$`));
    return new URL(link ?? '').pathname;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    inviter = await newPageAt();
    invitee = await newPageAt();
    outbox = await newPageAt();
    await signIn(outbox, OUTBOX_READER, DEMO_PASSWORD);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    // The account this test created, and what it left behind.
    await testDriver().executeQuery(
      `MATCH (p:Practitioner {email: $email})
       OPTIONAL MATCH (i:Invite {email: $email})
       OPTIONAL MATCH (r:PasswordReset {practitionerId: p.id})
       DETACH DELETE p, i, r`,
      { email: inviteeEmail },
      { database: testDatabase() }
    );
    await closeTestDriver();
  });

  it('the sign-in page is accessible', async () => {
    await invitee.goto('/login');
    await expectAccessible(invitee);
  });

  it('a practitioner invites a colleague', async () => {
    await signIn(inviter, INVITER, DEMO_PASSWORD);
    await open(inviter, '/invite');
    await expectAccessible(inviter);
    await inviter.getByLabel('Their work email').fill(inviteeEmail);
    await inviter.getByRole('button', { name: 'Send invitation' }).click();
    await expect
      .poll(() => inviter.getByRole('status').textContent())
      .toContain(`Invitation sent to ${inviteeEmail}`);
    await expect.poll(() => inviter.locator('.invites').textContent()).toContain(inviteeEmail);
    await screenshot(inviter, 'accounts-invite-desktop');
  });

  it('a link that does not work says so, without details', async () => {
    const response = await invitee.goto(`/activate/${'A'.repeat(43)}`);
    expect(response?.status()).toBe(410);
    await expect
      .poll(() => invitee.getByRole('heading', { level: 1 }).textContent())
      .toContain('no longer works');
  });

  it('the colleague follows the emailed link and sets up their account', async () => {
    const path = await linkFromOutbox(inviteeEmail, '/activate/');
    await screenshot(outbox, 'accounts-invite-email');
    await open(invitee, path);
    await expectAccessible(invitee);
    await invitee.getByLabel('Full name').fill(inviteeName);
    await invitee.getByLabel('Work phone').fill('02 9555 0142');
    await invitee.getByLabel('Job title').fill('School counsellor');
    await invitee.selectOption('#agencyId', { index: 1 });
    await invitee.getByLabel('Choose a password').fill(FIRST_PASSWORD);
    await invitee.getByLabel('Type the password again').fill(FIRST_PASSWORD);
    await screenshot(invitee, 'accounts-activate-desktop');
    await invitee.getByRole('button', { name: 'Set up my account' }).click();
    await invitee.waitForURL((url) => url.pathname === '/');
    await expect
      .poll(() => invitee.locator('.account-menu summary', { hasText: inviteeName }).count())
      .toBeGreaterThan(0);
    await screenshot(invitee, 'accounts-activated-home');

    // The same link a second time.
    const again = await invitee.goto(path);
    expect(again?.status()).toBe(410);
  });

  it('the profile page is accessible and fits a phone', async () => {
    await open(invitee, '/profile');
    expect(new URL(invitee.url()).pathname).toBe('/profile');
    await expectAccessible(invitee);
    await screenshot(invitee, 'accounts-profile-desktop');
    await invitee.setViewportSize(PHONE);
    await screenshot(invitee, 'accounts-profile-phone');
    // Runs in the page (the Node typings here have no DOM).
    const overflow = await invitee.evaluate<boolean>(
      'document.documentElement.scrollWidth > document.documentElement.clientWidth'
    );
    expect(overflow).toBe(false);
    await invitee.setViewportSize(DESKTOP);
  });

  // Needs src/routes/logout to work: its `default` action beside the named `everywhere` makes
  // SvelteKit refuse every POST to /logout (500) until one of them is renamed or moved.
  it('the colleague signs out', async () => {
    await invitee.locator('.account-menu summary').click();
    await invitee.getByRole('button', { name: 'Sign out', exact: true }).click();
    await invitee.waitForURL((url) => url.pathname === '/login');
    const response = await invitee.goto('/profile');
    expect(new URL(response?.url() ?? '').pathname).toBe('/login');
  });

  it('forgets the password and resets it from the emailed link', async () => {
    // A browser of their own, signed out whatever the previous test left behind.
    invitee = await newPageAt();
    await open(invitee, '/login');
    await invitee.getByRole('link', { name: 'Forgotten your password?' }).click();
    await invitee.waitForURL((url) => url.pathname === '/reset');
    await invitee.waitForLoadState('networkidle');
    await expectAccessible(invitee);
    await invitee.getByLabel('Work email').fill(inviteeEmail);
    await invitee.getByRole('button', { name: 'Send me a link' }).click();
    await expect
      .poll(() => invitee.getByRole('status').textContent())
      .toContain('If an account exists for that address');
    await screenshot(invitee, 'accounts-reset-requested');

    // The email is sent in the background: wait for it in the outbox.
    await expect
      .poll(async () => {
        await outbox.goto('/dev/outbox');
        return outbox.locator('li', { hasText: inviteeEmail }).count();
      })
      .toBe(2);
    const path = await linkFromOutbox(inviteeEmail, '/reset/');
    await invitee.setViewportSize(PHONE);
    await open(invitee, path);
    await expectAccessible(invitee);
    await invitee.getByLabel('New password').fill(NEW_PASSWORD);
    await invitee.getByLabel('Type it again').fill(NEW_PASSWORD);
    await screenshot(invitee, 'accounts-reset-phone');
    await invitee.getByRole('button', { name: 'Save my new password' }).click();
    await invitee.waitForURL((url) => url.pathname === '/login');
    expect(await invitee.getByRole('status').textContent()).toMatch(/password has been changed/);
    await invitee.setViewportSize(DESKTOP);

    await signIn(invitee, inviteeEmail, FIRST_PASSWORD);
    expect(new URL(invitee.url()).pathname).toBe('/login');
    await signIn(invitee, inviteeEmail, NEW_PASSWORD);
    expect(new URL(invitee.url()).pathname).toBe('/');
  });

  it('locks sign-in after five wrong passwords, with the same message', async () => {
    invitee = await newPageAt();
    for (let i = 0; i < 5; i++) {
      await signIn(invitee, inviteeEmail, `wrong password ${i} here`);
      await expect.poll(() => invitee.getByRole('alert').textContent()).toMatch(SIGN_IN_FAILED);
    }
    await signIn(invitee, inviteeEmail, NEW_PASSWORD);
    expect(new URL(invitee.url()).pathname).toBe('/login');
    await expect.poll(() => invitee.getByRole('alert').textContent()).toMatch(SIGN_IN_FAILED);
    await screenshot(invitee, 'accounts-locked');
  });
});
