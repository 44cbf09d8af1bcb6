/**
 * Attacks on rule 4 (an address withheld for safety), made as a hostile but ordinary signed-in
 * practitioner would, over HTTP against the built app: the page form actions and /graphql.
 *
 * (a) self-appointment: join the team (self-service), make yourself lead professional (the old
 *     `setLead`, the new nomination, by GraphQL and by the page's form actions), read the address;
 * (b) a colleague of the same agency confirms the self-nomination (and tries the old `setLead`);
 * (c) the guessing oracle: `updateClient` with the right and with a wrong address must answer
 *     the same, and change nothing.
 *
 * Fixtures (unique to the run, deleted afterwards): client Kit, whose address Wendy (agency X)
 * withheld; Mallory (agency Y, not on the team yet) and her colleague Nate (agency Y, a member);
 * Gale (agency X, a member who may not see the address). Nobody is lead.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { closeTestDriver } from '../support/db.ts';
import { get, postForm, postGraphQL, signIn } from '../support/http.ts';
import {
  addClient,
  addMember,
  addPractitioner,
  createFixture,
  removeFixture,
  run
} from '../integration/team-fixtures.ts';

const baseUrl = inject('baseUrl');
const PASSWORD = 'attacker harbour kettle 2026';

type Person = Awaited<ReturnType<typeof addPractitioner>>;
let fixture: Awaited<ReturnType<typeof createFixture>>;
let wendy: Person, mallory: Person, nate: Person, gale: Person;
let kit: { id: string };
let secret: string;
const cookies = new Map<string, string>();

async function gql(who: string, query: string, variables: Record<string, unknown> = {}) {
  const r = await postGraphQL(baseUrl, { query, variables }, { cookie: cookies.get(who)! });
  return { status: r.status, body: r.body, json: JSON.parse(r.body) as Record<string, unknown> };
}

const ADDRESS = `query A($id: ID!) { client(id: $id) { id address { visible text } } }`;

async function addressAs(who: string): Promise<{ visible: boolean; text: string | null } | null> {
  const r = await gql(who, ADDRESS, { id: kit.id });
  const data = r.json.data as {
    client: { address: { visible: boolean; text: string | null } } | null;
  };
  return data.client?.address ?? null;
}

const PENDING = `query P($id: ID!) {
  leadAppointment(clientId: $id) { proposal { id viewerCanConfirm nominee { practitionerId } } }
}`;

async function pendingAs(who: string) {
  const r = await gql(who, PENDING, { id: kit.id });
  const data = r.json.data as {
    leadAppointment: {
      proposal: {
        id: string;
        viewerCanConfirm: boolean;
        nominee: { practitionerId: string };
      } | null;
    } | null;
  } | null;
  return data?.leadAppointment?.proposal ?? null;
}

async function leads(): Promise<string[]> {
  const rows = await run(
    `MATCH (p:Practitioner)-[m:MEMBER_OF]->(:Client {id: $id}) WHERE m.until IS NULL AND m.lead
     RETURN p.id AS id`,
    { id: kit.id }
  );
  return rows.map((r) => r.id as string);
}

async function storedAddress(): Promise<Record<string, unknown>> {
  const [row] = await run(
    `MATCH (:Client {id: $id})-[:HAS_ADDRESS]->(ad:Address)
     RETURN ad.text AS text, ad.withheldForSafety AS withheld, ad.withheldById AS by,
       toString(ad.updatedAt) AS updatedAt`,
    { id: kit.id }
  );
  return row ?? {};
}

beforeAll(async () => {
  fixture = await createFixture();
  const otherAgency = randomUUID();
  fixture.ids.add(otherAgency);
  await run(
    `MATCH (a:Area {code: $area})
     CREATE (:Agency {id: $id, name: 'Eastside Youth Justice ' + $tag, kind: 'YOUTH_JUSTICE',
       phone: '02 9222 0000', dutyPhone: '02 9222 0001', sensitive: false})-[:SERVES]->(a)`,
    { area: fixture.areaCode, id: otherAgency, tag: fixture.tag }
  );
  wendy = await addPractitioner(fixture, 'Wendy Withholder');
  gale = await addPractitioner(fixture, 'Gale Guesser');
  mallory = await addPractitioner(fixture, 'Mallory Attacker');
  nate = await addPractitioner(fixture, 'Nate Colleague');
  // Mallory and Nate work for another agency than Wendy and Gale.
  await run(
    `MATCH (p:Practitioner)-[w:WORKS_AT]->() WHERE p.id IN $ids DELETE w
     WITH DISTINCT p MATCH (a:Agency {id: $agency}) CREATE (p)-[:WORKS_AT {since: datetime()}]->(a)`,
    { ids: [mallory.id, nate.id], agency: otherAgency }
  );
  const hash = await hashPassword(PASSWORD);
  await run(`MATCH (p:Practitioner) WHERE p.id IN $ids SET p.passwordHash = $hash`, {
    ids: [wendy.id, gale.id, mallory.id, nate.id],
    hash
  });
  secret = `7 Refuge Lane ${fixture.tag}`;
  kit = await addClient(fixture, 'Kit', { address: { text: secret, withheldById: wendy.id } });
  await addMember(wendy.id, kit.id);
  await addMember(gale.id, kit.id);
  await addMember(nate.id, kit.id);
  for (const [key, person] of [
    ['wendy', wendy],
    ['gale', gale],
    ['mallory', mallory],
    ['nate', nate]
  ] as const) {
    cookies.set(key, await signIn(baseUrl, person.email, PASSWORD));
  }
});

afterAll(async () => {
  if (fixture) {
    await run(`MATCH (p:LeadProposal) WHERE p.clientId IN $ids DETACH DELETE p`, {
      ids: [...fixture.ids]
    });
    await removeFixture(fixture);
  }
  await closeTestDriver();
});

describe('a withheld address cannot be reached by appointing yourself lead', () => {
  it('(a) join the team, make yourself lead by GraphQL and by the page, read the address: hidden', async () => {
    const joined = await gql(
      'mallory',
      `mutation J($id: ID!) { joinTeam(clientId: $id, reason: "Allocated to me today") { ok } }`,
      { id: kit.id }
    );
    expect(JSON.stringify(joined.json)).toContain('"ok":true');
    expect(await addressAs('mallory')).toEqual({ visible: false, text: null });

    // The old way: take the lead outright.
    await gql(
      'mallory',
      `mutation S($c: ID!, $l: ID!) { setLead(clientId: $c, leadId: $l) { ok code message } }`,
      { c: kit.id, l: mallory.id }
    );
    expect(await addressAs('mallory')).toEqual({ visible: false, text: null });
    expect(await leads()).toEqual([]);

    // The new way: a nomination of oneself is only a proposal.
    const nominated = await gql(
      'mallory',
      `mutation N($c: ID!, $l: ID!) { proposeLead(clientId: $c, nomineeId: $l) { ok code message } }`,
      { c: kit.id, l: mallory.id }
    );
    expect(JSON.stringify(nominated.json)).toContain('"ok":true');
    expect(await addressAs('mallory')).toEqual({ visible: false, text: null });
    expect(await leads()).toEqual([]);

    // The page's form actions, old and new, then the page itself.
    for (const action of ['setLead', 'proposeLead', 'confirmLead', 'appointLead']) {
      await postForm(
        baseUrl,
        `/clients/${kit.id}?/${action}`,
        { leadId: mallory.id, nomineeId: mallory.id },
        cookies.get('mallory')
      );
    }
    expect(await leads()).toEqual([]);
    const pageHtml = (await get(baseUrl, `/clients/${kit.id}`, cookies.get('mallory'))).body;
    expect(pageHtml).toContain('Address withheld for safety');
    expect(pageHtml).not.toContain(secret);
    expect(await addressAs('mallory')).toEqual({ visible: false, text: null });

    // Confirming one's own nomination is refused too.
    const proposalId = (await pendingAs('mallory'))?.id;
    expect(proposalId).toBeTruthy();
    const self = await gql(
      'mallory',
      `mutation C($c: ID!, $p: ID!) { confirmLead(clientId: $c, proposalId: $p) { ok code } }`,
      { c: kit.id, p: proposalId }
    );
    expect(JSON.stringify(self.json)).toContain('"ok":false');
    expect(await leads()).toEqual([]);
    expect(await addressAs('mallory')).toEqual({ visible: false, text: null });
  });

  it('(b) a colleague of the same agency cannot confirm the self-nomination', async () => {
    // The old way first: the colleague hands Mallory the lead.
    await gql(
      'nate',
      `mutation S($c: ID!, $l: ID!) { setLead(clientId: $c, leadId: $l) { ok code message } }`,
      { c: kit.id, l: mallory.id }
    );
    await postForm(
      baseUrl,
      `/clients/${kit.id}?/setLead`,
      { leadId: mallory.id },
      cookies.get('nate')
    );
    expect(await addressAs('mallory')).toEqual({ visible: false, text: null });

    const pending = await pendingAs('nate');
    expect(pending?.nominee.practitionerId).toBe(mallory.id);
    expect(pending?.viewerCanConfirm).toBe(false);
    const confirmed = await gql(
      'nate',
      `mutation C($c: ID!, $p: ID!) { confirmLead(clientId: $c, proposalId: $p) { ok code message } }`,
      { c: kit.id, p: pending!.id }
    );
    expect(JSON.stringify(confirmed.json)).toContain('"ok":false');
    // By the page's form too.
    await postForm(
      baseUrl,
      `/clients/${kit.id}?/confirmLead`,
      { proposalId: pending!.id },
      cookies.get('nate')
    );

    expect(await leads()).toEqual([]);
    expect(await addressAs('mallory')).toEqual({ visible: false, text: null });
    expect(await addressAs('nate')).toEqual({ visible: false, text: null });
    const [row] = await run(`MATCH (p:LeadProposal {id: $id}) RETURN p.status AS status`, {
      id: pending!.id
    });
    expect(row?.status).toBe('PENDING');
  });
});

describe('a withheld address cannot be guessed', () => {
  const UPDATE = `mutation U($c: ID!, $text: String!) {
    updateClient(clientId: $c, input: { address: { text: $text, withheldForSafety: true } }) {
      ok code message changed
    }
  }`;

  it('(c) updateClient answers the same to the right and to a wrong guess, and changes nothing', async () => {
    const before = await storedAddress();
    const right = await gql('gale', UPDATE, { c: kit.id, text: secret });
    const wrong = await gql('gale', UPDATE, { c: kit.id, text: `9 Wrong Street ${fixture.tag}` });
    expect(right.status).toBe(wrong.status);
    expect(right.body).toBe(wrong.body);
    // And without withholding, or empty: still the same answer.
    const released = await gql(
      'gale',
      UPDATE.replace('withheldForSafety: true', 'withheldForSafety: false'),
      { c: kit.id, text: secret }
    );
    expect(released.body).toBe(right.body);
    expect(JSON.stringify(right.json)).toContain('"ok":false');
    expect(await storedAddress()).toEqual(before);

    // The page's form action the same way.
    const form = (addressText: string) => ({
      givenName: 'Kit',
      familyName: `Client${fixture.tag}`,
      preferredName: '',
      aliases: '',
      dob: '2012-05-06',
      councilCode: fixture.areaCode,
      addressText,
      withheldForSafety: 'on'
    });
    const pageRight = await postForm(
      baseUrl,
      `/clients/${kit.id}?/updateDetails`,
      form(secret),
      cookies.get('gale')
    );
    const pageWrong = await postForm(
      baseUrl,
      `/clients/${kit.id}?/updateDetails`,
      form(`9 Wrong Street ${fixture.tag}`),
      cookies.get('gale')
    );
    expect(pageRight.status).toBe(pageWrong.status);
    const notice = (html: string) => /role="alert"[^>]*>([^<]*)</.exec(html)?.[1] ?? null;
    expect(notice(pageRight.body)).toBe(notice(pageWrong.body));
    expect(pageRight.body).not.toContain('Nothing had changed');
    expect(await storedAddress()).toEqual(before);

    // The form does not offer to change what it does not show.
    const page = (await get(baseUrl, `/clients/${kit.id}`, cookies.get('gale'))).body;
    expect(page).not.toContain('name="addressText"');
    expect(page).not.toContain('name="withheldForSafety"');
  });
});
