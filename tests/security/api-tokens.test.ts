/**
 * Attack (issue 15, finding 3): an API token outlives account recovery. Someone who had a
 * practitioner's session makes an API token on the profile page; the practitioner then resets
 * their password, signs out everywhere, is suspended (and reinstated), or has their roles changed.
 * The attacker keeps calling /graphql with the token as a bearer and tries joinTeam, which would
 * put them on a client's team. After each event the token must be refused (401, no data) and the
 * database must show no new membership. An expired token is refused the same way.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatDateTime } from '../../src/lib/accounts/format.ts';
import {
  FIXTURE_PASSWORD,
  addPerson,
  createAccountsFixture,
  latestEmailTo,
  linkIn,
  removeAccountsFixture,
  run,
  type AccountsFixture,
  type Person
} from '../integration/accounts-fixtures.ts';
import { closeTestDriver } from '../support/db.ts';
import { get, postForm, postGraphQL, signIn, type HttpResult } from '../support/http.ts';

const JOIN = `mutation J($id: ID!) {
  joinTeam(clientId: $id, reason: "Allocated to me today") { ok code }
}`;
const NEW_PASSWORD = 'orchard lantern copper 2026';

describe('attack: an API token outlives account recovery', () => {
  const baseUrl = inject('baseUrl');
  let fx: AccountsFixture;

  beforeAll(async () => {
    fx = await createAccountsFixture();
  });

  afterAll(async () => {
    await removeAccountsFixture(fx);
    await closeTestDriver();
  });

  /** A practitioner with an agency, signed in over HTTP. */
  async function victim(name: string): Promise<{ person: Person; cookie: string }> {
    const person = await addPerson(fx, name, { agencyId: fx.agencyId });
    return { person, cookie: await signIn(baseUrl, person.email, FIXTURE_PASSWORD) };
  }

  /** What the attacker does with the session: make a token on the profile page and copy it. */
  async function makeToken(cookie: string, fields: Record<string, string> = {}): Promise<string> {
    const page = await postForm(
      baseUrl,
      '/profile?/createToken',
      { name: 'sync', ...fields },
      cookie
    );
    expect(page.status, page.body.slice(0, 500)).toBe(200);
    const token = /ta_[A-Za-z0-9_-]{43}/.exec(page.body)?.[0];
    if (!token) throw new Error('No token on the page');
    return token;
  }

  const withToken = (token: string, query: string, variables: Record<string, unknown> = {}) =>
    postGraphQL(baseUrl, { query, variables }, { authorization: `Bearer ${token}` });

  const memberships = async (personId: string) =>
    (
      await run(
        'MATCH (:Practitioner {id: $personId})-[m:MEMBER_OF]->(:Client) RETURN count(m) AS n',
        { personId }
      )
    )[0]?.n;

  async function expectWorks(token: string, person: Person): Promise<void> {
    const me = await withToken(token, '{ me { id } }');
    expect(me.status, me.body).toBe(200);
    expect(me.body).toContain(person.id);
  }

  /** Refused as an unknown token is, and joinTeam with it changes nothing in the database. */
  async function expectRefused(token: string, person: Person): Promise<HttpResult> {
    const me = await withToken(token, '{ me { id } }');
    expect(me.status, me.body).toBe(401);
    expect(me.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(JSON.parse(me.body)).not.toHaveProperty('data');
    expect(me.body).not.toContain(person.id);
    const join = await withToken(token, JOIN, { id: fx.otherClient.id });
    expect(join.status, join.body).toBe(401);
    expect(join.body).not.toContain('"ok"');
    expect(await memberships(person.id)).toBe(0);
    return me;
  }

  it('control: a fresh token works and joinTeam with it adds a membership (so the checks can fail)', async () => {
    const { person, cookie } = await victim('Cora Control');
    const token = await makeToken(cookie);
    await expectWorks(token, person);
    const join = await withToken(token, JOIN, { id: fx.otherClient.id });
    expect(join.body).toContain('"ok":true');
    expect(await memberships(person.id)).toBe(1);
  });

  it('an unknown token and an expired token get the same 401 and change nothing', async () => {
    const { person, cookie } = await victim('Ezra Expired');
    const token = await makeToken(cookie);
    await expectWorks(token, person);
    await run(`MATCH (t:ApiToken {ownerId: $id}) SET t.expiresAt = datetime() - duration('PT1M')`, {
      id: person.id
    });
    const expired = await expectRefused(token, person);
    const unknown = await withToken(`ta_${randomBytes(32).toString('base64url')}`, '{ me { id } }');
    expect(unknown.status).toBe(401);
    expect(expired.body).toBe(unknown.body);
  });

  it('after a password reset', async () => {
    const { person, cookie } = await victim('Rosa Reset');
    const token = await makeToken(cookie);
    await expectWorks(token, person);

    const asked = await postForm(baseUrl, '/reset', { email: person.email });
    expect(asked.status).toBe(200);
    // The page answers before the email is sent: wait for it to reach the outbox.
    let email = await latestEmailTo(person.email);
    for (let i = 0; i < 100 && !email; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      email = await latestEmailTo(person.email);
    }
    const link = linkIn(email, 'reset');
    const reset = await postForm(baseUrl, `/reset/${link}`, {
      password: NEW_PASSWORD,
      confirmation: NEW_PASSWORD
    });
    expect(reset.status, reset.body.slice(0, 300)).toBe(303);
    expect(reset.location).toContain('/login');

    await expectRefused(token, person);
  });

  it('after "sign out everywhere"', async () => {
    const { person, cookie } = await victim('Sid Signout');
    const token = await makeToken(cookie);
    await expectWorks(token, person);

    const out = await postForm(baseUrl, '/logout?/everywhere', {}, cookie);
    expect(out.status).toBe(303);
    expect((await get(baseUrl, '/profile', cookie)).status).toBe(303);

    await expectRefused(token, person);
  });

  it('after a suspension, and still after reinstatement', async () => {
    const { person, cookie } = await victim('Suki Suspended');
    const token = await makeToken(cookie);
    await expectWorks(token, person);
    const admin = await signIn(baseUrl, fx.admin.email, FIXTURE_PASSWORD);

    const suspended = await postForm(baseUrl, '/admin/accounts?/suspend', { id: person.id }, admin);
    expect(suspended.status).toBe(200);
    await expectRefused(token, person);

    const reinstated = await postForm(
      baseUrl,
      '/admin/accounts?/reinstate',
      { id: person.id },
      admin
    );
    expect(reinstated.status).toBe(200);
    expect(
      (await run('MATCH (p:Practitioner {id: $id}) RETURN p.status AS s', { id: person.id }))[0]?.s
    ).toBe('ACTIVE');
    await expectRefused(token, person);
  });

  it('after a change of roles', async () => {
    const { person, cookie } = await victim('Remy Roles');
    const token = await makeToken(cookie);
    await expectWorks(token, person);
    const admin = await signIn(baseUrl, fx.admin.email, FIXTURE_PASSWORD);

    const changed = await postForm(
      baseUrl,
      '/admin/accounts?/roles',
      { id: person.id, lead: 'on' },
      admin
    );
    expect(changed.status, changed.body.slice(0, 300)).toBe(200);
    const roles = await run('MATCH (p:Practitioner {id: $id}) RETURN p.roles AS roles', {
      id: person.id
    });
    expect(roles[0]?.roles).toEqual(['practitioner', 'lead']);

    await expectRefused(token, person);
  });

  it('only an admin changes roles: a local lead and the practitioner themselves are refused', async () => {
    const { person, cookie } = await victim('Pip Promote');
    const token = await makeToken(cookie);
    const lead = await signIn(baseUrl, fx.lead.email, FIXTURE_PASSWORD);
    for (const [who, session] of [
      ['lead', lead],
      ['self', cookie]
    ] as const) {
      const r = await postForm(
        baseUrl,
        '/admin/accounts?/roles',
        { id: person.id, admin: 'on', lead: 'on' },
        session
      );
      expect(r.status, who).toBe(403);
    }
    const roles = await run('MATCH (p:Practitioner {id: $id}) RETURN p.roles AS roles', {
      id: person.id
    });
    expect(roles[0]?.roles).toEqual(['practitioner']);
    await expectWorks(token, person);
  });

  it('a lifetime over 365 days or nonsense is refused on the page and makes no token', async () => {
    const { person, cookie } = await victim('Liv Lifetime');
    for (const [days, message] of [
      ['366', /at most 365 days/],
      ['100000', /at most 365 days/],
      ['abc', /whole number from 1 to 365/],
      ['-1', /whole number from 1 to 365/],
      ['0', /whole number from 1 to 365/],
      ['1.5', /whole number from 1 to 365/]
    ] as const) {
      const r = await postForm(
        baseUrl,
        '/profile?/createToken',
        { name: 'too long', days },
        cookie
      );
      expect(r.status, days).toBe(400);
      expect(r.body, days).toMatch(message);
      expect(r.body, days).not.toMatch(/ta_[A-Za-z0-9_-]{43}/);
    }
    const count = await run('MATCH (t:ApiToken {ownerId: $id}) RETURN count(t) AS n', {
      id: person.id
    });
    expect(count[0]?.n).toBe(0);
  });

  it('the profile page shows each token’s expiry and last use', async () => {
    const { person, cookie } = await victim('Pia Page');
    const token = await makeToken(cookie, { name: 'weekly export', days: '30' });
    await expectWorks(token, person);
    const [stored] = await run(
      `MATCH (t:ApiToken {ownerId: $id})
       RETURN toString(t.expiresAt) AS expiresAt, toString(t.lastUsedAt) AS lastUsedAt,
         duration.inDays(t.createdAt, t.expiresAt).days AS days`,
      { id: person.id }
    );
    expect(stored?.days).toBe(30);
    expect(stored?.lastUsedAt).toBeTruthy();
    const page = await get(baseUrl, '/profile', cookie);
    expect(page.status).toBe(200);
    // The list item of that token: from its name to the end of its <li>.
    const start = page.body.indexOf('weekly export');
    expect(start).toBeGreaterThan(-1);
    const item = page.body.slice(start, page.body.indexOf('</li>', start));
    expect(item).toContain(`expires ${formatDateTime(stored?.expiresAt as string)}`);
    expect(item).toContain(`last used ${formatDateTime(stored?.lastUsedAt as string)}`);
  });
});
