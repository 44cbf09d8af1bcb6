/**
 * The main navigation as a person uses it: every main task one click away (and each answering),
 * the account menu, where practitioners and leads land after signing in, and the phone menu,
 * with axe-core at both sizes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkAccessibility,
  describeViolations,
  launchBrowser,
  newPage,
  screenshot,
  signIn
} from '../support/browser.ts';

const PASSWORD = process.env.DEMO_PASSWORD ?? 'teamaround-demo-2026';
const PHONE = { width: 390, height: 844 };

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function mainLinks(page: Page): Promise<string[]> {
  return page.locator('nav[aria-label="Main"] .links > li > a').allTextContents();
}

describe('a practitioner', () => {
  let page: Page;

  beforeAll(async () => {
    page = await newPage(browser);
    await signIn(page, 'practitioner@teamaround.example', PASSWORD);
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('lands on their clients and reaches every main task from the navigation', async () => {
    expect(new URL(page.url()).pathname).toBe('/');
    const links = (await mainLinks(page)).map((t) => t.replace(/\d+.*$/s, '').trim());
    expect(links).toEqual(['My clients', 'Search', 'My network', 'Attentions', 'Help']);
    for (const name of links) {
      const link = page.locator('nav[aria-label="Main"] .links > li > a', { hasText: name });
      const href = (await link.getAttribute('href'))!;
      await link.click();
      await page.waitForURL((url) => url.pathname === href);
      await expect
        .poll(() => page.locator('nav[aria-label="Main"] a[aria-current="page"]').textContent())
        .toContain(name);
      expect(await page.locator('h1').first().isVisible()).toBe(true);
    }
    await screenshot(page, 'navigation-practitioner-1280');
  });

  it('opens the account menu: profile, areas, email alerts, invite and sign out', async () => {
    await page.locator('.account-menu summary').click();
    const items = await page.locator('.account-menu ul li').allTextContents();
    expect(items.map((t) => t.trim())).toEqual([
      'Profile',
      'My areas',
      'Email alerts',
      'Invite a colleague',
      'Sign out'
    ]);
    await page.locator('.account-menu a', { hasText: 'My areas' }).click();
    await page.waitForURL('**/profile/areas');
    expect(await page.locator('.account-menu').getAttribute('open')).toBeNull();
    const violations = await checkAccessibility(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

describe('a local lead', () => {
  it('lands on the dashboard, which the navigation offers beside the access reports', async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, 'lead@teamaround.example', PASSWORD);
      expect(new URL(page.url()).pathname).toBe('/dashboard');
      const links = await mainLinks(page);
      expect(links.map((t) => t.trim())).toEqual(
        expect.arrayContaining(['Dashboard', 'Access reports'])
      );
      expect(links.map((t) => t.trim())).not.toContain('Admin');
    } finally {
      await page.context().close();
    }
  });

  it('still goes where a link asked, when signing in from one', async () => {
    const page = await newPage(browser);
    try {
      await signIn(page, 'lead@teamaround.example', PASSWORD, '/login?next=%2Fhelp');
      expect(new URL(page.url()).pathname).toBe('/help');
    } finally {
      await page.context().close();
    }
  });
});

describe('on a phone', () => {
  it('folds the navigation into one menu button that opens and closes', async () => {
    const page = await newPage(browser, PHONE);
    try {
      await signIn(page, 'practitioner@teamaround.example', PASSWORD);
      const toggle = page.locator('.menu-toggle');
      const links = page.locator('#main-menu');
      await toggle.waitFor({ state: 'visible' });
      expect(await links.isVisible()).toBe(false);
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      expect(await links.isVisible()).toBe(true);
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await screenshot(page, 'navigation-phone-open-390');
      const violations = await checkAccessibility(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await page.locator('#main-menu a', { hasText: 'Search' }).click();
      await page.waitForURL('**/search');
      expect(await links.isVisible()).toBe(false);
    } finally {
      await page.context().close();
    }
  });
});
