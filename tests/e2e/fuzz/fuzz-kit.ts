/**
 * What the fuzz files share: a seeded generator (a failure can be replayed), the hostile strings,
 * and the one judgement every answer must pass — no 5xx, no stack trace or database internals, no
 * GraphQL INTERNAL_SERVER_ERROR. The cases themselves are built in `cases.ts` before any test
 * runs, so their number is known up front (`total.test.ts`) and no test depends on another's.
 */
import { expect } from 'vitest';
import { Rng } from '../../../src/lib/server/seed/random.ts';
import type { HttpResult } from '../../support/http.ts';

/** The seed's generator (sfc32): the same seed always gives the same cases. */
export function prng(seed: number): () => number {
  const rng = new Rng(`fuzz/${seed}`);
  return () => rng.float();
}

export const NASTY = [
  '',
  ' ',
  'a',
  '"(~*:^[',
  'AND OR NOT',
  "' OR 1=1 --",
  '") RETURN n //',
  "x'}) MATCH (n) DETACH DELETE n //",
  'MATCH (n) DETACH DELETE n',
  '$jwt.sub',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../etc/passwd',
  '\u0000\u0001\u0002',
  '\u000b\u000c\r\n\t',
  '\u202e\u202d',
  '😀👨‍👩‍👧‍👦🏳️‍🌈',
  'Zoë Ñúñez-Ørsted',
  '𝕿𝖊𝖆𝖒',
  '\ud800',
  'null',
  'undefined',
  'NaN',
  '-1',
  '99999999999999999999999',
  '1e309',
  '2015-02-30',
  '31/31/2031',
  '\\',
  '%00',
  '%2e%2e%2f',
  '${7*7}',
  '=HYPERLINK("http://x")',
  '@SUM(1)',
  '+1',
  'a'.repeat(10_000),
  'ü'.repeat(5000),
  '\n'.repeat(2000)
] as const;

export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

export function nasty(rand: () => number): string {
  const base = pick(rand, NASTY);
  // Sometimes combine two, to reach states no single string reaches.
  return rand() < 0.3 ? base + pick(rand, NASTY).slice(0, 300) : base;
}

/** A lone surrogate cannot be percent-encoded: send it as U+FFFD, as a browser would. */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udfff]/g, (ch, i: number, all: string) => {
    const code = ch.charCodeAt(0);
    const next = all.charCodeAt(i + 1);
    const prev = all.charCodeAt(i - 1);
    const paired =
      (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) ||
      (code >= 0xdc00 && prev >= 0xd800 && prev <= 0xdbff);
    return paired ? ch : '\ufffd';
  });
}

export function urlPart(text: string): string {
  return encodeURIComponent(wellFormed(text));
}

const LEAKS = /\n\s+at [\w.<>]+ \(|Neo4jError|Neo\.ClientError|stacktrace/i;

/** No 5xx, nothing of the server's insides in the body. */
export function expectClear(result: HttpResult, what: string): void {
  const context = `${what} -> ${result.status}: ${result.body.slice(0, 300)}`;
  expect(result.status, context).toBeLessThan(500);
  expect(result.body, context).not.toMatch(LEAKS);
}

export interface GraphQLBody {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: string; errorId?: string } }[];
}

/** The parsed answer (or null when the body is not JSON, e.g. a refused batch's plain text). */
export function graphQLBody(result: HttpResult): GraphQLBody | GraphQLBody[] | null {
  try {
    return JSON.parse(result.body) as GraphQLBody | GraphQLBody[];
  } catch {
    return null;
  }
}

/**
 * /graphql: no 5xx and no INTERNAL_SERVER_ERROR (nor an error id, which only unexpected errors
 * carry): a malformed input is the caller's mistake and must be said as one.
 */
export function expectGraphQLClear(result: HttpResult, what: string): GraphQLBody[] {
  expectClear(result, what);
  const parsed = graphQLBody(result);
  const answers = parsed === null ? [] : Array.isArray(parsed) ? parsed : [parsed];
  for (const answer of answers) {
    for (const error of answer.errors ?? []) {
      const context = `${what} -> ${result.body.slice(0, 400)}`;
      expect(error.extensions?.code, context).not.toBe('INTERNAL_SERVER_ERROR');
      expect(error.extensions?.errorId, context).toBeUndefined();
      expect(error.message?.length ?? 0, context).toBeGreaterThan(0);
    }
  }
  return answers;
}

/** A Location the browser would follow to this origin only (relative, no `//`, `\` or controls). */
export function expectSameOrigin(location: string | null, baseUrl: string, what: string): void {
  if (location === null) return;
  const context = `${what} -> Location ${JSON.stringify(location)}`;
  expect(location.startsWith('/'), context).toBe(true);
  expect(location.startsWith('//'), context).toBe(false);
  // eslint-disable-next-line no-control-regex
  expect(/[\u0000-\u001f\u007f\\]/.test(location), context).toBe(false);
  expect(new URL(location, baseUrl).origin, context).toBe(new URL(baseUrl).origin);
}
