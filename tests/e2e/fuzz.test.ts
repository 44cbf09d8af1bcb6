/**
 * Fuzz: 1,000+ generated malformed inputs to the forms and to /graphql over HTTP. Every answer
 * must be a clear refusal or a sensible result: no 5xx, no stack trace or database internals, and
 * nothing stored. Inputs come from a seeded generator, so a failure can be replayed.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getRedis, closeRedis } from '../../src/lib/server/redis.ts';
import { closeTestDriver, testDatabase, testDriver } from '../support/db.ts';
import { get, postForm, postGraphQL, signIn, type HttpResult } from '../support/http.ts';

/** Mulberry32: tiny, deterministic, good enough to pick inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [
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
  '${7*7}',
  '=HYPERLINK("http://x")',
  '@SUM(1)',
  'a'.repeat(10_000),
  'ü'.repeat(5000),
  '\n'.repeat(2000)
];

/** A lone surrogate cannot be percent-encoded: send it as U+FFFD, as a browser would. */
function urlPart(text: string): string {
  return encodeURIComponent(
    text.replace(/[\ud800-\udfff]/g, (ch, i: number, all: string) => {
      const code = ch.charCodeAt(0);
      const next = all.charCodeAt(i + 1);
      const prev = all.charCodeAt(i - 1);
      const paired =
        (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) ||
        (code >= 0xdc00 && prev >= 0xd800 && prev <= 0xdbff);
      return paired ? ch : '\ufffd';
    })
  );
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function nasty(rand: () => number): string {
  const base = pick(rand, NASTY);
  // Sometimes combine two, to reach states no single string reaches.
  return rand() < 0.3 ? base + pick(rand, NASTY).slice(0, 300) : base;
}

/** Invalid on purpose, so that nothing may be stored: no '@', or far too long. */
function badEmail(rand: () => number): string {
  return rand() < 0.5 ? nasty(rand).replaceAll('@', '') : `${'x'.repeat(400)}@example.org`;
}

function deepQuery(depth: number): string {
  return `{ ${'myClients(limit: 1) { circle { clientId } '.repeat(1)}${'a { '.repeat(depth)}b${' }'.repeat(depth)} } }`;
}

async function storedCounts(): Promise<{ nodes: number; rels: number }> {
  const { records } = await testDriver().executeQuery(
    `CALL { MATCH (n) WHERE NOT n:Event AND NOT n:Migration RETURN count(n) AS nodes }
     CALL { MATCH ()-[r]->() RETURN count(r) AS rels }
     RETURN nodes, rels`,
    {},
    { database: testDatabase() }
  );
  return { nodes: records[0]!.get('nodes') as number, rels: records[0]!.get('rels') as number };
}

function expectClear(result: HttpResult, what: string): void {
  const context = `${what} -> ${result.status}: ${result.body.slice(0, 300)}`;
  expect(result.status, context).toBeLessThan(500);
  expect(result.body, context).not.toMatch(
    /\n\s+at [\w.<>]+ \(|Neo4jError|Neo\.ClientError|stacktrace/i
  );
}

describe('fuzzing forms and /graphql', () => {
  const baseUrl = inject('baseUrl');
  const rand = prng(20261125);
  let cookie = '';
  let clientId = '';
  let before: { nodes: number; rels: number };
  let sent = 0;

  beforeAll(async () => {
    cookie = await signIn(baseUrl, 'practitioner@teamaround.example', process.env.DEMO_PASSWORD!);
    const { records } = await testDriver().executeQuery(
      `MATCH (:Practitioner {email: 'practitioner@teamaround.example'})-[m:MEMBER_OF]->(c:Client)
       WHERE m.until IS NULL RETURN c.id AS id LIMIT 1`,
      {},
      { database: testDatabase() }
    );
    clientId = records[0]!.get('id') as string;
    before = await storedCounts();
  });

  afterAll(async () => {
    // The /login cases count as failed sign-ins from this address; lift the lock for later files.
    const keys = await getRedis().keys(`${process.env.REDIS_PREFIX}:login-fail:*`);
    if (keys.length) await getRedis().del(...keys);
    await closeRedis();
    await closeTestDriver();
  });

  it('sign-in, reset and invite forms refuse malformed input clearly', async () => {
    for (let i = 0; i < 25; i++) {
      const r = await postForm(baseUrl, '/login', { email: nasty(rand), password: nasty(rand) });
      expectClear(r, 'login');
      expect(r.status).toBe(400);
      sent++;
    }
    for (let i = 0; i < 60; i++) {
      expectClear(await postForm(baseUrl, '/reset', { email: badEmail(rand) }), 'reset');
      const fields: Record<string, string> = { email: badEmail(rand) };
      if (rand() < 0.5) fields.clientId = nasty(rand);
      const invite = await postForm(baseUrl, '/invite?/invite', fields, cookie);
      expectClear(invite, 'invite');
      expect(invite.status).toBe(400);
      sent += 2;
    }
  });

  it('search and join refuse or answer sensibly', async () => {
    for (let i = 0; i < 200; i++) {
      const q = nasty(rand);
      expectClear(
        await get(
          baseUrl,
          `/search?q=${urlPart(q.slice(0, 3000))}&scope=${urlPart(nasty(rand).slice(0, 50))}`,
          cookie
        ),
        `search ${q.slice(0, 40)}`
      );
      // Either a client that does not exist, or a real one with an unusable reason.
      const join =
        rand() < 0.5
          ? { clientId: nasty(rand), reason: 'Allocated worker' }
          : { clientId, reason: rand() < 0.5 ? '' : 'r'.repeat(5000) };
      const r = await postForm(baseUrl, '/search?/join', join, cookie);
      expectClear(r, 'join');
      sent += 2;
    }
  });

  it('add-client, attention and profile forms refuse malformed input', async () => {
    for (let i = 0; i < 120; i++) {
      const r = await postForm(
        baseUrl,
        '/clients/new',
        {
          givenName: rand() < 0.5 ? '' : nasty(rand),
          familyName: nasty(rand),
          dob: rand() < 0.5 ? nasty(rand) : '2999-01-01',
          councilCode: nasty(rand),
          aliases: nasty(rand),
          confirmNew: '1'
        },
        cookie
      );
      expectClear(r, 'add client');
      const message = rand() < 0.5 ? '' : 'm'.repeat(501 + Math.floor(rand() * 5000));
      expectClear(
        await postForm(
          baseUrl,
          `/clients/${clientId}/attentions?/raise`,
          { message, priority: nasty(rand) },
          cookie
        ),
        'raise attention'
      );
      expectClear(
        await postForm(
          baseUrl,
          '/profile?/password',
          { current: nasty(rand), password: nasty(rand), confirm: nasty(rand) },
          cookie
        ),
        'change password'
      );
      sent += 3;
    }
  });

  it('/graphql answers malformed requests with clear errors', async () => {
    const bodies: (() => unknown)[] = [
      () => nasty(rand),
      () => '{"query": ',
      () => ({ query: nasty(rand) }),
      () => ({
        query: 'query($q: String!) { search(q: $q) { clients { id } } }',
        variables: { q: nasty(rand) }
      }),
      () => ({
        query: 'query($q: String!) { search(q: $q) { clients { id } } }',
        variables: { q: 42 }
      }),
      () => ({
        query: 'query($q: String!) { search(q: $q) { clients { id } } }',
        variables: { q: { $ne: 1 } }
      }),
      () => ({
        query:
          'mutation($c: ID!, $r: String!) { joinTeam(clientId: $c, reason: $r) { __typename } }',
        variables: { c: nasty(rand), r: nasty(rand) }
      }),
      () => ({ query: deepQuery(5 + Math.floor(rand() * 60)) }),
      () => ({
        query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(' ')} }`
      }),
      () => Array.from({ length: 7 }, () => ({ query: '{ __typename }' })),
      () => ({ query: '{ client(id: $x) { id } }' }),
      () => ({
        query: `{ client(id: ${JSON.stringify(nasty(rand).slice(0, 500))}) { id givenName } }`
      }),
      () => ({ query: 'x'.repeat(20_000) })
    ];
    for (let i = 0; i < 420; i++) {
      const body = pick(rand, bodies)();
      const r = await postGraphQL(baseUrl, body, { cookie });
      expectClear(r, `graphql ${JSON.stringify(body).slice(0, 80)}`);
      if (r.status === 200 && r.body.startsWith('{')) {
        const json = JSON.parse(r.body) as { errors?: { message: string }[] };
        for (const error of json.errors ?? []) expect(error.message.length).toBeGreaterThan(0);
      }
      sent++;
    }
  });

  it('sent at least 1,000 inputs and stored nothing', async () => {
    expect(sent).toBeGreaterThanOrEqual(1000);
    expect(await storedCounts()).toEqual(before);
  });
});
