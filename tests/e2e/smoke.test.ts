/** The built app answers its health and readiness checks, seen through Chromium. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage } from '../support/browser.ts';

describe('smoke', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await newPage(browser, { width: 1280, height: 800 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('GET /healthz says ok', async () => {
    const response = await page.goto(`${baseUrl}/healthz`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/application\/json/);
    expect(await response?.json()).toMatchObject({ status: 'ok' });
  });

  it('GET /readyz says ready once Neo4j and Redis answer', async () => {
    const response = await page.goto(`${baseUrl}/readyz`);
    expect(response?.status()).toBe(200);
    expect(await response?.json()).toMatchObject({ ready: true });
  });
});
