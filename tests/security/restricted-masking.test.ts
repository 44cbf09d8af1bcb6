/**
 * Attacks on DESIGN.md rule 3 ("Masked means anonymous"), made as a hostile but ordinary signed-in
 * practitioner would, over HTTP and /graphql against the built app:
 *
 * (a) a team member reads every field that produces a masked entry (team, address withheldBy,
 *     attentions, activity, timeline, meeting candidates, the explorer's neighbourhood, the
 *     attention board and inbox), takes every value a masked entry carries and looks it up in the
 *     phone book (`agencies(where: { dutyPhone | phone })`, `practitioners(where: …)`, the agency
 *     page); and reads the raw HTML of the team, network, meeting, pack, attentions and activity
 *     pages and the .ics invitation for the sensitive agency's name, duty line and the
 *     restricted person's name. Nothing may identify the service or the person.
 * (b) a restricted join changes nothing others can see: the worker's public areas and the
 *     agency's staff count stay as they were.
 *
 * Fixtures (unique to the run, deleted afterwards): Alana, whose team has Mal (the attacker, an
 * ordinary agency), Pat (lead) and two restricted members of two different sensitive services,
 * Rita and Sue. Rita withheld Alana's address and raised an attention; Sue acknowledged one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import {
  checkAccessibility,
  describeViolations,
  launchBrowser,
  newPage,
  screenshot,
  signIn as signInPage
} from '../support/browser.ts';
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
const PASSWORD = 'masking attack kettle 2026';

type Person = Awaited<ReturnType<typeof addPractitioner>>;
let fixture: Awaited<ReturnType<typeof createFixture>>;
let mal: Person, pat: Person, rita: Person, sue: Person;
let alana: Awaited<ReturnType<typeof addClient>>;
let dawn: Awaited<ReturnType<typeof addClient>>;
let secondSensitive: { id: string; name: string; dutyPhone: string };
let ritaPhone: string;
let malCookie: string;

/** Everything that would identify the restricted services or people. */
let secrets: string[];

async function graphql(cookie: string, query: string, variables: Record<string, unknown> = {}) {
  const answer = await postGraphQL(baseUrl, { query, variables }, { cookie });
  expect(answer.status, answer.body).toBe(200);
  const body = JSON.parse(answer.body) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(body.errors, answer.body).toBeUndefined();
  return body.data!;
}

/** Every object with `masked: true` (or `actorMasked: true`) anywhere in an answer. */
function maskedEntries(value: unknown, found: Record<string, unknown>[] = []) {
  if (Array.isArray(value)) for (const v of value) maskedEntries(v, found);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.masked === true || o.actorMasked === true) found.push(o);
    for (const v of Object.values(o)) maskedEntries(v, found);
  }
  return found;
}

/** The string values a masked entry carries (flags and keys the page needs are not clues). */
function cluesIn(entry: Record<string, unknown>): string[] {
  return Object.entries(entry)
    .filter(([k, v]) => typeof v === 'string' && v !== '' && k !== 'key' && k !== 'kind')
    .map(([, v]) => v as string);
}

const PERSON =
  'masked restricted lead isViewer dutyPhone practitionerId name jobTitle phone email agencyId agencyName agencyKind since lastConfirmedAt';

/** Every read that produces masked entries, one request each (as the explorer sends them). */
const READS = [
  `query Team($id: ID!) {
    client(id: $id) {
      id
      team { ${PERSON} }
      address { visible withheldForSafety withheldBy { ${PERSON} } }
      attentions { id raisedBy { ${PERSON} } }
      activity(limit: 200, includeViews: true) { type actor { ${PERSON} } }
    }
  }`,
  `query Timeline($id: ID!) {
    clientTimeline(clientId: $id, limit: 200) {
      kind at actorMasked actorName actorAgency actorIsViewer subjectName detail
    }
  }`,
  `query Candidates($id: ID!) {
    meetingCandidates(clientId: $id) {
      key teamClientId masked lead isViewer name jobTitle phone email agencyName dutyPhone
    }
  }`,
  `query Network($id: ID!) {
    neighbourhood(clientId: $id, depth: 1) {
      people { clientId team { masked restricted lead isViewer practitionerId } }
      practitioners { practitionerId name jobTitle phone email agencyId }
      agencies { agencyId name kind phone dutyPhone }
    }
  }`,
  `query Board($id: ID!) {
    attentionBoard(clientId: $id) {
      attentions {
        raisedBy { masked name agency dutyPhone isViewer }
        resolvedBy { masked name agency dutyPhone isViewer }
        acknowledgements { masked name agency dutyPhone at }
      }
    }
  }`,
  `query Inbox { myAttentions(limit: 100) { clientId raisedBy { masked name agency dutyPhone isViewer } } }`
];

async function readEverything(cookie: string, id: string): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const query of READS) Object.assign(answers, await graphql(cookie, query, { id }));
  return answers;
}

beforeAll(async () => {
  fixture = await createFixture();
  const hash = await hashPassword(PASSWORD);
  mal = await addPractitioner(fixture, 'Mal Attacker');
  pat = await addPractitioner(fixture, 'Pat Partner');
  rita = await addPractitioner(fixture, 'Rita Refuge', { sensitive: true });
  sue = await addPractitioner(fixture, 'Sue Sexual Health', { sensitive: true });
  // A second sensitive service, so that "how many services" would show if entries were per line.
  secondSensitive = {
    id: randomUUID(),
    name: `Clear Path Sexual Health ${fixture.tag}`,
    dutyPhone: `1800 ${fixture.tag.slice(3, 6)} 222`
  };
  fixture.ids.add(secondSensitive.id);
  ritaPhone = `0499 ${fixture.tag.slice(0, 3)} ${fixture.tag.slice(3, 6)}`;
  await run(
    `MATCH (a:Area {code: $area})
     CREATE (ag:Agency {id: $id, name: $name, kind: 'SEXUAL_HEALTH', phone: '02 9222 0000',
       dutyPhone: $duty, sensitive: true})-[:SERVES]->(a)
     WITH ag
     MATCH (sue:Practitioner {id: $sue})-[w:WORKS_AT]->()
     DELETE w
     CREATE (sue)-[:WORKS_AT {since: datetime()}]->(ag)`,
    {
      area: fixture.areaCode,
      id: secondSensitive.id,
      name: secondSensitive.name,
      duty: secondSensitive.dutyPhone,
      sue: sue.id
    }
  );
  await run(
    `MATCH (p:Practitioner) WHERE p.id IN $ids SET p.passwordHash = $hash
     WITH p WHERE p.id = $rita SET p.phone = $ritaPhone`,
    { ids: [mal.id, pat.id, rita.id, sue.id], hash, rita: rita.id, ritaPhone }
  );
  alana = await addClient(fixture, 'Alana', {
    address: { text: `9 Hidden Lane ${fixture.tag}`, withheldById: rita.id }
  });
  dawn = await addClient(fixture, 'Dawn');
  await addMember(pat.id, alana.id, { lead: true, sinceDaysAgo: 30 });
  await addMember(mal.id, alana.id, { sinceDaysAgo: 20 });
  await addMember(rita.id, alana.id, { restricted: true, sinceDaysAgo: 15 });
  await addMember(sue.id, alana.id, { restricted: true, sinceDaysAgo: 12 });
  await addMember(mal.id, dawn.id, { sinceDaysAgo: 20 });
  await addMember(rita.id, dawn.id, { restricted: true, sinceDaysAgo: 15 });
  const attentionId = randomUUID();
  fixture.ids.add(attentionId);
  await run(
    `MATCH (r:Practitioner {id: $rita}), (s:Practitioner {id: $sue}), (c:Client {id: $alana})
     CREATE (r)-[:RAISED]->(at:Attention {id: $attentionId, message: 'Please call before visiting',
       priority: 'URGENT', createdAt: datetime()})-[:ABOUT]->(c)
     CREATE (s)-[:ACKNOWLEDGED {at: datetime()}]->(at)
     MERGE (a:Client {id: $alana}) MERGE (d:Client {id: $dawn})
     CREATE (a)-[:IN_CIRCLE {kind: 'FAMILY', label: 'daughter', reciprocal: 'mother',
       since: datetime(), addedBy: $rita}]->(d)
     CREATE (:Event {id: $eventId, type: 'circle.changed', actorId: $rita, clientId: $alana,
       subjectId: $dawn, data: '{"change":"added"}', createdAt: datetime(), outbox: false})`,
    {
      rita: rita.id,
      sue: sue.id,
      alana: alana.id,
      dawn: dawn.id,
      attentionId,
      eventId: randomUUID()
    }
  );
  secrets = [
    fixture.dutyPhone,
    fixture.sensitiveAgencyName,
    fixture.sensitiveId,
    secondSensitive.name,
    secondSensitive.dutyPhone,
    secondSensitive.id,
    rita.name,
    rita.id,
    rita.email,
    ritaPhone,
    sue.name,
    sue.id,
    sue.email,
    'DOMESTIC_VIOLENCE',
    'SEXUAL_HEALTH'
  ];
  malCookie = await signIn(baseUrl, mal.email, PASSWORD);
}, 120_000);

afterAll(async () => {
  if (fixture) await removeFixture(fixture);
  await closeTestDriver();
});

describe('masked means anonymous (rule 3)', () => {
  it('no field read by a team member carries anything that names a restricted service or person', async () => {
    const data = await readEverything(malCookie, alana.id);
    const masked = maskedEntries(data);
    // The attacker can see that restricted services are involved, and nothing more.
    expect(masked.length).toBeGreaterThan(0);
    const text = JSON.stringify(data);
    for (const secret of secrets)
      expect(text, `the answer carries ${secret}`).not.toContain(secret);
    // Two restricted members of two services on Alana's team: the team shows one entry, so it
    // does not tell how many services (or people) are involved.
    const team = (data.client as { team: { masked: boolean }[] }).team;
    expect(team.filter((m) => m.masked)).toHaveLength(1);
    const candidates = (
      data.meetingCandidates as { masked: boolean; teamClientId: string }[]
    ).filter((c) => c.masked && c.teamClientId === alana.id);
    expect(candidates).toHaveLength(1);
    // The home page's card counts the team as the team page lists it: Pat, Mal, one masked entry.
    const cards = await graphql(
      malCookie,
      `
        query {
          myClientCards {
            clientId
            teamSize
          }
        }
      `
    );
    const card = (cards.myClientCards as { clientId: string; teamSize: number }[]).find(
      (c) => c.clientId === alana.id
    );
    expect(card?.teamSize).toBe(3);
  });

  it('whatever a masked entry carries matches nothing in the phone book', async () => {
    const data = await readEverything(malCookie, alana.id);
    const clues = [...new Set(maskedEntries(data).flatMap(cluesIn))];
    for (const clue of clues) {
      const found = await graphql(
        malCookie,
        `
          query Lookup($v: String!, $vid: ID!) {
            byDuty: agencies(where: { dutyPhone: { eq: $v } }) {
              id
              name
            }
            byPhone: agencies(where: { phone: { eq: $v } }) {
              id
              name
            }
            byName: agencies(where: { name: { eq: $v } }) {
              id
              name
            }
            people: practitioners(
              where: { OR: [{ phone: { eq: $v } }, { name: { eq: $v } }, { id: { eq: $vid } }] }
            ) {
              id
            }
          }
        `,
        { v: clue, vid: clue }
      );
      expect(found, `a masked entry carried "${clue}", which the phone book matches`).toEqual({
        byDuty: [],
        byPhone: [],
        byName: [],
        people: []
      });
    }
  });

  it('the raw HTML of the pages and the invitation never name the service or the person', async () => {
    const data = await graphql(
      malCookie,
      `
        query K($id: ID!) {
          meetingCandidates(clientId: $id) {
            key
          }
        }
      `,
      { id: alana.id }
    );
    const keys = (data.meetingCandidates as { key: string }[]).map((c) => c.key);
    const meeting = new URLSearchParams({
      attendees: keys.join(','),
      start: '2026-12-10T09:30',
      tz: 'Australia/Sydney',
      durationMinutes: '60'
    }).toString();
    const paths = [
      `/clients/${alana.id}`,
      `/clients/${alana.id}/network`,
      `/clients/${alana.id}/attentions`,
      `/clients/${alana.id}/activity`,
      `/clients/${alana.id}/meeting?${meeting}`,
      `/clients/${alana.id}/meeting/pack?${meeting}`,
      `/clients/${alana.id}/meeting/invite.ics?${meeting}`,
      `/clients/${dawn.id}`,
      '/attentions',
      '/network'
    ];
    for (const path of paths) {
      const page = await get(baseUrl, path, malCookie);
      expect(page.status, path).toBe(200);
      for (const secret of secrets) {
        expect(page.body.includes(secret), `${path} carries ${secret}`).toBe(false);
      }
    }
  });

  it('sending the meeting pack to the masked entry does not count the people behind it', async () => {
    const data = await graphql(
      malCookie,
      `
        query K($id: ID!) {
          meetingCandidates(clientId: $id) {
            key
            masked
            teamClientId
          }
        }
      `,
      { id: alana.id }
    );
    const masked = (
      data.meetingCandidates as { key: string; masked: boolean; teamClientId: string }[]
    )
      .filter((c) => c.masked && c.teamClientId === alana.id)
      .map((c) => c.key);
    expect(masked).toHaveLength(1);
    const sent = await graphql(
      malCookie,
      `
        mutation S($id: ID!, $keys: [ID!]!) {
          sendMeetingPack(clientId: $id, attendeeKeys: $keys) {
            ok
            sentTo
          }
        }
      `,
      { id: alana.id, keys: masked }
    );
    // Rita and Sue are both told, but the answer says one attendee, as chosen.
    expect(sent).toEqual({ sendMeetingPack: { ok: true, sentTo: 1 } });
    const [event] = await run(
      `MATCH (e:Event {clientId: $id, type: 'meeting.pack.sent', actorId: $mal}) RETURN e.data AS data`,
      { id: alana.id, mal: mal.id }
    );
    const attendees = (JSON.parse(event!.data as string) as { attendeeIds: string[] }).attendeeIds;
    expect(attendees.sort()).toEqual([rita.id, sue.id].sort());
  });

  it('the agency pages of the sensitive services show no trace of the client', async () => {
    for (const id of [fixture.sensitiveId, secondSensitive.id]) {
      const page = await get(baseUrl, `/agencies/${id}`, malCookie);
      expect(page.status).toBe(200);
      expect(page.body).not.toContain(alana.id);
      expect(page.body).not.toContain(`Alana`);
    }
  });
});

describe('a restricted membership changes nothing others can see (rule 3)', () => {
  const PUBLIC = `query Public($p: ID!, $a: ID!) {
    practitioners(where: { id: { eq: $p } }) { areas(limit: 100) { code } }
    agencyStaff(agencyId: $a, limit: 100) { total practitioners { id } }
  }`;

  it('joining restricted adds no area to the worker and no one to the agency', async () => {
    const client = await addClient(fixture, 'Carla');
    // Carla lives in the other council: a join that allocated areas would add it.
    await run(
      `MATCH (c:Client {id: $id}), (a:Area {code: $other})
       SET c.councilCode = $other
       WITH c, a MATCH (c)-[l:LIVES_IN]->() DELETE l CREATE (c)-[:LIVES_IN]->(a)`,
      { id: client.id, other: fixture.otherAreaCode }
    );
    const before = await graphql(malCookie, PUBLIC, { p: rita.id, a: fixture.sensitiveId });
    const ritaCookie = await signIn(baseUrl, rita.email, PASSWORD);
    const joined = await graphql(
      ritaCookie,
      `
        mutation J($id: ID!) {
          joinTeam(clientId: $id, reason: "Supporting mum", restricted: true) {
            ok
            code
          }
        }
      `,
      { id: client.id }
    );
    expect(joined).toEqual({ joinTeam: { ok: true, code: null } });
    const after = await graphql(malCookie, PUBLIC, { p: rita.id, a: fixture.sensitiveId });
    expect(after).toEqual(before);
    const areas = (after.practitioners as { areas: { code: string }[] }[])[0]!.areas;
    expect(areas.map((a) => a.code)).not.toContain(fixture.otherAreaCode);
    const page = await get(baseUrl, `/practitioners/${rita.id}`, malCookie);
    expect(page.body).not.toContain(`Other Council ${fixture.tag}`);
  });

  it('a plain join still allocates the client’s council to the worker', async () => {
    const client = await addClient(fixture, 'Dora');
    await run(`MATCH (c:Client {id: $id}) SET c.councilCode = $other`, {
      id: client.id,
      other: fixture.otherAreaCode
    });
    const joined = await postForm(
      baseUrl,
      `/clients/${client.id}?/join`,
      { clientId: client.id, reason: 'Working with the family' },
      malCookie
    );
    expect(joined.status).toBeLessThan(400);
    const after = await graphql(malCookie, PUBLIC, { p: mal.id, a: fixture.agencyId });
    const areas = (after.practitioners as { areas: { code: string }[] }[])[0]!.areas;
    expect(areas.map((a) => a.code)).toContain(fixture.otherAreaCode);
  });
});

describe('"Ask them to contact me" instead of a duty line (rule 3)', () => {
  const ASK = `mutation Ask($id: ID!) { askRestrictedToContact(clientId: $id) { ok code sent } }`;

  async function relays(actorId: string, clientId: string): Promise<number> {
    const [row] = await run(
      `MATCH (e:Event {clientId: $clientId, type: 'team.contact.requested', actorId: $actorId})
       RETURN count(e) AS n`,
      { clientId, actorId }
    );
    return Number(row?.n ?? 0);
  }

  it('a non-member is refused over /graphql like every team command, and nothing is relayed', async () => {
    const outsider = await addPractitioner(fixture, 'Olive Outsider');
    await run('MATCH (p:Practitioner {id: $id}) SET p.passwordHash = $hash', {
      id: outsider.id,
      hash: await hashPassword(PASSWORD)
    });
    const cookie = await signIn(baseUrl, outsider.email, PASSWORD);
    const answer = await graphql(cookie, ASK, { id: alana.id });
    expect(answer).toEqual({
      askRestrictedToContact: { ok: false, code: 'FORBIDDEN', sent: false }
    });
    expect(await relays(outsider.id, alana.id)).toBe(0);
  });

  it('a member asks from the team page in Chromium, sees "Request sent", and it is recorded once', async () => {
    const browser = await launchBrowser();
    try {
      const page = await newPage(browser, { width: 1280, height: 800 });
      await signInPage(page, mal.email, PASSWORD, `${baseUrl}/login`);
      await page.goto(`${baseUrl}/clients/${alana.id}`, { waitUntil: 'networkidle' });
      const card = page.getByRole('article', { name: 'A restricted service' });
      await card.getByRole('button', { name: 'Ask them to contact me' }).click();
      await card.getByText('Request sent').waitFor();
      await screenshot(page, 'security-ask-restricted-sent');
      const violations = await checkAccessibility(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await browser.close();
    }
    expect(await relays(mal.id, alana.id)).toBe(1);
    // Asking again the same day answers the same and relays nothing more.
    const again = await graphql(malCookie, ASK, { id: alana.id });
    expect(again).toEqual({ askRestrictedToContact: { ok: true, code: null, sent: true } });
    expect(await relays(mal.id, alana.id)).toBe(1);
  });
});

describe('Email the whole team, as a restricted member (rule 3)', () => {
  it('one click does not unmask them: they are warned and must confirm', async () => {
    const ritaCookie = await signIn(baseUrl, rita.email, PASSWORD);
    const first = await postForm(baseUrl, `/clients/${alana.id}?/emailTeam`, {}, ritaCookie);
    expect(first.status).toBe(400);
    expect(first.location).toBeNull();
    expect(first.body).toContain('would see who you are');
    const confirmed = await postForm(
      baseUrl,
      `/clients/${alana.id}?/emailTeam`,
      { revealSelf: 'yes' },
      ritaCookie
    );
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toMatch(/^mailto:/);
    expect(confirmed.location).toContain(pat.email);
    expect(confirmed.location).not.toContain(sue.email);
  });

  it('the warning is on the team page, offering the anonymous ways', async () => {
    const browser = await launchBrowser();
    try {
      const page = await newPage(browser, { width: 1280, height: 800 });
      await signInPage(page, rita.email, PASSWORD, `${baseUrl}/login`);
      await page.goto(`${baseUrl}/clients/${alana.id}`, { waitUntil: 'networkidle' });
      await page.getByText('Email the whole team…').click();
      const note = page.getByRole('note');
      await note.waitFor();
      expect(await note.innerText()).toContain('You joined as restricted.');
      await screenshot(page, 'security-restricted-email-warning');
      const violations = await checkAccessibility(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
