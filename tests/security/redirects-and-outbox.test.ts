/**
 * Issue 15, findings 1, 2 and 4, made as an attacker would over HTTP against the built app:
 *
 * 1/2. A sign-in link whose `next` hides another origin behind a tab, newline or backslash, or
 *      carries a control character Node cannot put in a Location header. Signed in (GET /login)
 *      and through the sign-in form (POST /login), the answer is never a 5xx and always a
 *      redirect to a path on this origin.
 * 4.   /dev/outbox (development and test mode) holds activation and reset links: a signed-in
 *      practitioner must not read another person's reset link there; an admin may.
 *
 * Fixtures (unique to the run, deleted afterwards): a practitioner (the nosy one), a victim and
 * an admin; one reset email to the victim and one email to the nosy practitioner in the outbox.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getRedis, redisKey } from '../../src/lib/server/redis.ts';
import { LocalOutboxTransport } from '../../workers/mail/local-outbox.ts';
import { get, postForm, sessionCookieFrom, signIn } from '../support/http.ts';
import {
  FIXTURE_PASSWORD,
  addPerson,
  closeAll,
  run,
  type Person
} from '../integration/accounts-fixtures.ts';

const baseUrl = inject('baseUrl');
const fixture = { tag: randomUUID().replace(/-/g, '').slice(0, 10), ids: new Set<string>() };
let nosy: Person, victim: Person, admin: Person;
const cookies = new Map<string, string>();

/** `next` values exactly as they travel in the query string (already percent-encoded). */
const HOSTILE_QUERIES = [
  '%2F%09%2F127.0.0.1:3999%2Fx',
  '/%09/127.0.0.1:3999/x',
  '/%0A/example.com',
  '/%0D/example.com',
  '/%00/example.com',
  '/%0B/example.com',
  '/%0C/example.com',
  '/%1F/example.com',
  '/%7F/example.com',
  '/%0D%0ASet-Cookie:%20x=1',
  '%09//example.com',
  '//example.com',
  '/%5Cexample.com',
  '%5C%5Cexample.com',
  '/..//example.com',
  '/%2e%2e//example.com',
  '/.//example.com',
  'https://example.com',
  'javascript:alert(1)',
  '/%E2%80%A8/example.com',
  '/%C3%A9t%C3%A9'
];

/** The same values as a form field carries them (decoded once). */
const HOSTILE_FIELDS = [
  '/\t/127.0.0.1:3999/x',
  '/\n/example.com',
  '/\r/example.com',
  '/\u0000/example.com',
  '/\u000b/example.com',
  '/\\example.com',
  '/..//example.com',
  '//example.com',
  'https://example.com',
  '/ok\r\nSet-Cookie: x=1'
];

/** Where a browser would go from this Location: it must be a path on our own origin. */
function expectSameOriginPath(location: string | null, label: string): void {
  expect(location, label).not.toBeNull();
  const value = location!;
  // eslint-disable-next-line no-control-regex
  expect(value, label).not.toMatch(/[\u0000-\u001f\u007f\\]/);
  expect(value.startsWith('/') && !value.startsWith('//'), `${label} -> ${value}`).toBe(true);
  expect(new URL(value, baseUrl).origin, label).toBe(new URL(baseUrl).origin);
}

beforeAll(async () => {
  nosy = await addPerson(fixture, 'Nosy Newcomer');
  victim = await addPerson(fixture, 'Victim Vic');
  admin = await addPerson(fixture, 'Admin Ada', { roles: ['practitioner', 'admin'] });
  for (const person of [nosy, victim, admin]) {
    cookies.set(person.id, await signIn(baseUrl, person.email, FIXTURE_PASSWORD));
  }
});

afterAll(async () => {
  const ids = [...fixture.ids];
  await run(
    `MATCH (e:Event:Audit) WHERE e.actorId IN $ids OR e.subjectId IN $ids DETACH DELETE e`,
    { ids }
  );
  await run(`MATCH (p:Practitioner) WHERE p.id IN $ids DETACH DELETE p`, { ids });
  await closeAll();
});

describe('finding 1/2: next after sign-in', () => {
  it.each(HOSTILE_QUERIES)(
    'GET /login?next=%s signed in redirects to a same-origin path',
    async (q) => {
      const response = await get(baseUrl, `/login?next=${q}`, cookies.get(nosy.id));
      expect(response.status, `${q}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
      expect(response.status, q).toBe(303);
      expectSameOriginPath(response.location, q);
    }
  );

  it.each(HOSTILE_QUERIES)('GET /login?next=%s signed out renders a safe next field', async (q) => {
    const response = await get(baseUrl, `/login?next=${q}`);
    expect(response.status, q).toBe(200);
    const value = /name="next" value="([^"]*)"/.exec(response.body)?.[1];
    expectSameOriginPath(value ?? null, q);
  });

  it.each(HOSTILE_FIELDS.map((f) => [JSON.stringify(f), f]))(
    'the sign-in form with next=%s redirects to a same-origin path',
    async (_label, field) => {
      const response = await postForm(baseUrl, '/login', {
        email: nosy.email,
        password: FIXTURE_PASSWORD,
        next: field
      });
      expect(response.status, `${_label}: ${response.body.slice(0, 200)}`).toBe(303);
      expect(sessionCookieFrom(new Response(null, { headers: response.headers }))).not.toBeNull();
      expectSameOriginPath(response.location, _label);
    }
  );

  it('the sign-in form with the hostile next in the query string redirects safely too', async () => {
    const response = await postForm(baseUrl, '/login?next=%2F%09%2F127.0.0.1:3999%2Fx', {
      email: nosy.email,
      password: FIXTURE_PASSWORD
    });
    expect(response.status).toBe(303);
    expectSameOriginPath(response.location, 'query');
  });

  it('a harmless next is still followed', async () => {
    const response = await get(baseUrl, '/login?next=%2Fsearch%3Fq%3DJane', cookies.get(nosy.id));
    expect(response.status).toBe(303);
    expect(response.location).toBe('/search?q=Jane');
  });
});

describe('finding 4: /dev/outbox shows a person only their own emails', () => {
  let resetToken: string;
  let victimEmailId: string;
  let ownEmailId: string;

  beforeAll(async () => {
    const transport = new LocalOutboxTransport({ from: 'Teamaround <noreply@teamaround.test>' });
    resetToken = randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '').slice(0, 11);
    const link = `${baseUrl}/reset/${resetToken}`;
    victimEmailId = (
      await transport.send({
        to: victim.email,
        subject: `Reset your Teamaround password ${fixture.tag}`,
        html: `<p><a href="${link}">Choose a new password</a></p>`,
        text: `Choose a new password: ${link}`
      })
    ).id;
    ownEmailId = (
      await transport.send({
        to: nosy.email,
        subject: `Your own email ${fixture.tag}`,
        html: '<p>Hello</p>',
        text: 'Hello'
      })
    ).id;
  });

  afterAll(async () => {
    // Leave the shared outbox as it was: remove the two emails this file put there.
    const key = redisKey('mail-outbox');
    for (const entry of await getRedis().lrange(key, 0, -1)) {
      if (entry.includes(victimEmailId) || entry.includes(ownEmailId)) {
        await getRedis().lrem(key, 1, entry);
      }
    }
  });

  it("a practitioner does not see another user's reset email in the list", async () => {
    const page = await get(baseUrl, '/dev/outbox', cookies.get(nosy.id));
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Your own email ${fixture.tag}`);
    expect(page.body).not.toContain(victim.email);
    expect(page.body).not.toContain(victimEmailId);
  });

  it("a practitioner cannot open another user's email (and its reset link) by id", async () => {
    for (const suffix of ['', '?format=text']) {
      const email = await get(
        baseUrl,
        `/dev/outbox/${victimEmailId}${suffix}`,
        cookies.get(nosy.id)
      );
      expect(email.status).toBe(404);
      expect(email.body).not.toContain(resetToken);
    }
  });

  it('a practitioner can open an email addressed to them', async () => {
    const email = await get(baseUrl, `/dev/outbox/${ownEmailId}?format=text`, cookies.get(nosy.id));
    expect(email.status).toBe(200);
    expect(email.body).toBe('Hello');
  });

  it("an admin sees every email, the victim's reset link included", async () => {
    const page = await get(baseUrl, '/dev/outbox', cookies.get(admin.id));
    expect(page.status).toBe(200);
    expect(page.body).toContain(victim.email);
    const email = await get(
      baseUrl,
      `/dev/outbox/${victimEmailId}?format=text`,
      cookies.get(admin.id)
    );
    expect(email.status).toBe(200);
    expect(email.body).toContain(`/reset/${resetToken}`);
  });

  it('signed out, the outbox sends to sign-in', async () => {
    const page = await get(baseUrl, '/dev/outbox');
    expect(page.status).toBe(303);
    expect(page.location).toMatch(/^\/login\?next=/);
  });
});

describe('static files carry the same security headers as pages (issue 15, "Build")', () => {
  const EXPECTED = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    'cross-origin-opener-policy': 'same-origin'
  };

  async function headersOf(path: string): Promise<Record<string, string | null>> {
    const response = await fetch(`${baseUrl}${path}`);
    expect(response.status, path).toBe(200);
    await response.body?.cancel();
    return Object.fromEntries(Object.keys(EXPECTED).map((h) => [h, response.headers.get(h)]));
  }

  it('a page has them (the reference)', async () => {
    expect(await headersOf('/login')).toEqual(EXPECTED);
  });

  it('a file from static/ has them', async () => {
    expect(await headersOf('/favicon.svg')).toEqual(EXPECTED);
  });

  it('a built /_app/immutable/ asset has them', async () => {
    const page = await get(baseUrl, '/login');
    const asset = /["'(](?:\.{0,2}\/)*(_app\/immutable\/[^"'()\s]+\.(?:js|css))/.exec(
      page.body
    )?.[1];
    expect(asset, 'an immutable asset linked from /login').toBeTruthy();
    expect(await headersOf(`/${asset}`)).toEqual(EXPECTED);
  });
});
