/**
 * Chromium for the end-to-end tests: Debian's `chromium` package driven by playwright-core (no
 * downloaded browser), plus screenshots and an axe-core accessibility check.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FriendlyError } from '../../scripts/lib/friendly-error.ts';

const root = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const BASE_URL = `http://127.0.0.1:${process.env.PORT || 3100}`;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new FriendlyError(
      `Chromium was not found at ${CHROMIUM_PATH}. The end-to-end tests use Debian's browser: install it with \`apt-get install chromium\` (or set CHROMIUM_PATH to another Chromium).`
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
}

export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1280, height: 800 }
): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: BASE_URL });
  return context.newPage();
}

/**
 * Signs in through the sign-in page as a person would. The page is left to hydrate first: text
 * typed before hydration can be reset to the server-rendered value, which submits an empty form
 * and leaves the browser on /login (a flaky timeout on a busy machine). If the browser is still
 * on /login afterwards, the error says what the page said.
 */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  /** The sign-in page to open, with any `?next=` (relative to the context's baseURL). */
  at = '/login'
): Promise<void> {
  await page.goto(at, { waitUntil: 'networkidle' });
  await page.fill('#email', email);
  await page.fill('#password', password);
  try {
    await Promise.all([
      // Signing in hashes a password (argon2): slow on a busy machine.
      page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 90_000 }),
      page.click('form button[type=submit]')
    ]);
  } catch (error) {
    const said = (
      await page
        .locator('main')
        .textContent()
        .catch(() => '')
    )?.trim();
    const shot = await screenshot(page, `sign-in-failed-${email}`).catch(() => 'no screenshot');
    throw new Error(
      `Signing in as ${email} failed (${shot}): ${said?.slice(0, 300) || 'no message'}`,
      { cause: error }
    );
  }
}

/** Saves a full-page PNG as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(root, 'test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^a-zA-Z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  description: string;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

let axeSource: string | undefined;

/** Runs axe-core (WCAG 2.x A and AA rules) in the page and returns its violations. */
export async function checkAccessibility(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const source = axeSource;
  try {
    await page.addScriptTag({ content: source });
  } catch {
    // The app's CSP (script-src 'self') may refuse an inline script; evaluated below instead.
  }
  if (!(await page.evaluate(() => 'axe' in globalThis))) {
    await page.evaluate(source);
  }
  return page.evaluate(async () => {
    // Runs in the page (the Node typings here have no DOM).
    const page = globalThis as unknown as {
      document: unknown;
      axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    const result = await page.axe.run(page.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      description: v.description,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: n.html,
        failureSummary: n.failureSummary
      }))
    }));
  });
}

/** One line per violation, for assertion messages. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact ?? 'unknown'} ${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`
    )
    .join('\n');
}
