/**
 * Circles against a real Neo4j, through the same GraphQL operations the pages use: links are
 * stored once and read both ways with the right labels; only the viewer's own clients can be
 * added; either team can correct or remove a link; non-members see nothing; restricted members
 * are never named; a withheld address never reaches a circle, a meeting pack or the activity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestDriver } from '../support/db.ts';
import { GraphQLOperationError, executeGraphQL } from '../../src/lib/server/graphql/execute.ts';
import { closeQueues } from '../../src/lib/server/queues.ts';
import { addToCircle } from '../../src/lib/server/circles/add-to-circle.ts';
import { removeFromCircle } from '../../src/lib/server/circles/remove-from-circle.ts';
import { updateCircleLink } from '../../src/lib/server/circles/update-circle-link.ts';
import { updateClient } from '../../src/lib/server/clients/update-client.ts';
import { loadMeetingPack } from '../../src/lib/server/meetings/meeting-pack.ts';
import { CommandError } from '../../src/lib/server/teams/command-support.ts';
import {
  addClient,
  addMember,
  addPractitioner,
  createFixture,
  eventsFor,
  removeFixture,
  run,
  viewer
} from './team-fixtures.ts';

let fixture: Awaited<ReturnType<typeof createFixture>>;
type Person = Awaited<ReturnType<typeof addPractitioner>>;
type Client = Awaited<ReturnType<typeof addClient>>;
let alex: Person, bo: Person, rita: Person, nobody: Person;
let casey: Client, dana: Client, morgan: Client, olly: Client;
let secretAddress: string;

beforeAll(async () => {
  fixture = await createFixture();
  alex = await addPractitioner(fixture, 'Alex Member');
  bo = await addPractitioner(fixture, 'Bo Other');
  rita = await addPractitioner(fixture, 'Rita Restricted', { sensitive: true });
  nobody = await addPractitioner(fixture, 'Nobody Outsider');
  secretAddress = `12 Hidden Lane ${fixture.tag}`;
  casey = await addClient(fixture, 'Casey', {
    address: { text: secretAddress, withheldById: alex.id }
  });
  dana = await addClient(fixture, 'Dana', { address: { text: `1 Open Street ${fixture.tag}` } });
  morgan = await addClient(fixture, 'Morgan');
  olly = await addClient(fixture, 'Olly');
  for (const client of [casey, dana, morgan]) await addMember(alex.id, client.id);
  await addMember(alex.id, casey.id, { lead: false });
  await addMember(bo.id, dana.id, { lead: true });
  await addMember(bo.id, olly.id);
  await addMember(rita.id, casey.id, { restricted: true });
  await addMember(rita.id, dana.id, { restricted: true });
});

afterAll(async () => {
  if (fixture) await removeFixture(fixture);
  await closeQueues();
  await closeTestDriver();
});

const CIRCLE = `query Circle($id: ID!) {
  client(id: $id) {
    id
    viewerIsMember
    team { masked name email agencyName dutyPhone }
    circle { clientId givenName familyName kind label viewerIsMember agencies }
  }
  circleCandidates(clientId: $id) { clientId }
  clientTimeline(clientId: $id) { kind actorMasked actorName actorAgency subjectName detail }
  meetingCandidates(clientId: $id) { key masked name email agencyName dutyPhone }
}`;
interface CircleData {
  clients: {
    viewerIsMember: boolean;
    team: { masked: boolean; name: string | null; email: string | null }[];
    circle: { clientId: string; kind: string; label: string; agencies: string[] }[];
  }[];
  circleCandidates: { clientId: string }[];
  clientTimeline: { kind: string; actorMasked: boolean; actorName: string | null }[];
  meetingCandidates: { key: string; masked: boolean; name: string | null }[];
}
/** Query.client's answer with the client as a list of at most one (as the assertions expect). */
const read = async (who: string, clientId: string): Promise<CircleData> => {
  const { client, ...rest } = await executeGraphQL<
    Omit<CircleData, 'clients'> & { client: CircleData['clients'][number] | null }
  >(viewer(who), CIRCLE, { id: clientId });
  return { ...rest, clients: client ? [client] : [] };
};

async function labelSeenFrom(who: string, from: string, other: string) {
  const { clients } = await read(who, from);
  return clients[0]?.circle.find((c) => c.clientId === other)?.label;
}

async function edges(a: string, b: string) {
  return run(
    `MATCH (x:Client {id: $a})-[r:IN_CIRCLE]-(y:Client {id: $b})
     RETURN startNode(r).id AS start, r.label AS label, r.reciprocal AS reciprocal, r.addedBy AS addedBy`,
    { a, b }
  );
}

async function refusal(promise: Promise<unknown>): Promise<CommandError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(CommandError);
  return error as CommandError;
}

describe('adding to a circle', () => {
  it('stores one link, read from either side with the reciprocal label', async () => {
    const { added } = await addToCircle(viewer(alex.id), {
      clientId: casey.id,
      links: [{ otherId: dana.id, label: 'mother', reciprocal: 'son' }]
    });
    expect(added).toEqual([dana.id]);
    expect(await edges(casey.id, dana.id)).toEqual([
      { start: dana.id, label: 'mother', reciprocal: 'son', addedBy: alex.id }
    ]);
    expect(await labelSeenFrom(alex.id, casey.id, dana.id)).toBe('mother');
    expect(await labelSeenFrom(alex.id, dana.id, casey.id)).toBe('son');
    const changed = (await eventsFor([casey.id, dana.id])).filter(
      (e) => e.type === 'circle.changed'
    );
    expect(changed.map((e) => [e.clientId, e.subjectId])).toEqual(
      expect.arrayContaining([
        [casey.id, dana.id],
        [dana.id, casey.id]
      ])
    );
    expect(changed.every((e) => e.outbox && e.actorId === alex.id)).toBe(true);
  });

  it('takes only the viewer’s own clients, not yet linked, and offers only those', async () => {
    const { circleCandidates } = await read(alex.id, casey.id);
    const offered = circleCandidates.map((c) => c.clientId);
    expect(offered).toContain(morgan.id);
    for (const notOffered of [casey.id, dana.id, olly.id])
      expect(offered).not.toContain(notOffered);

    for (const links of [
      [{ otherId: olly.id, label: 'sibling', reciprocal: 'sibling' }],
      [{ otherId: dana.id, label: 'sibling', reciprocal: 'sibling' }],
      [{ otherId: casey.id, label: 'sibling', reciprocal: 'sibling' }],
      // All or nothing: Morgan is fine but Olly is not Alex's.
      [
        { otherId: morgan.id, label: 'sibling', reciprocal: 'sibling' },
        { otherId: olly.id, label: 'sibling', reciprocal: 'sibling' }
      ]
    ]) {
      const error = await refusal(addToCircle(viewer(alex.id), { clientId: casey.id, links }));
      expect(error.code).toBe('FORBIDDEN');
    }
    expect(await edges(casey.id, olly.id)).toEqual([]);
    expect(await edges(casey.id, morgan.id)).toEqual([]);
    const badPair = await refusal(
      addToCircle(viewer(alex.id), {
        clientId: casey.id,
        links: [{ otherId: morgan.id, label: 'mother', reciprocal: 'mother' }]
      })
    );
    expect(badPair.code).toBe('BAD_USER_INPUT');
    const outsider = await refusal(
      addToCircle(viewer(bo.id), {
        clientId: casey.id,
        links: [{ otherId: olly.id, label: 'sibling', reciprocal: 'sibling' }]
      })
    );
    expect(outsider.code).toBe('FORBIDDEN');
  });

  it('works through the GraphQL command too', async () => {
    const data = await executeGraphQL<{
      addToCircle: { ok: boolean; code: string | null; added: string[] };
    }>(
      viewer(alex.id),
      `mutation Add($id: ID!, $links: [CircleLinkInput!]!) {
        addToCircle(clientId: $id, links: $links) { ok code message added }
      }`,
      { id: casey.id, links: [{ otherId: morgan.id, label: 'sibling', reciprocal: 'sibling' }] }
    );
    expect(data.addToCircle).toMatchObject({ ok: true, added: [morgan.id] });
    expect(await labelSeenFrom(alex.id, morgan.id, casey.id)).toBe('sibling');
    const again = await executeGraphQL<{ addToCircle: { ok: boolean; code: string | null } }>(
      viewer(bo.id),
      `mutation Add($id: ID!, $links: [CircleLinkInput!]!) {
        addToCircle(clientId: $id, links: $links) { ok code message added }
      }`,
      { id: casey.id, links: [{ otherId: olly.id, label: 'sibling', reciprocal: 'sibling' }] }
    );
    expect(again.addToCircle).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('correcting and removing a link', () => {
  it('can be done by a member of either team, from that side', async () => {
    // Bo is on Dana's team only: he corrects the link from Dana's side.
    await updateCircleLink(viewer(bo.id), {
      clientId: dana.id,
      otherId: casey.id,
      label: 'daughter',
      reciprocal: 'mother'
    });
    expect(await labelSeenFrom(alex.id, casey.id, dana.id)).toBe('mother');
    expect(await labelSeenFrom(bo.id, dana.id, casey.id)).toBe('daughter');
    expect(await edges(casey.id, dana.id)).toHaveLength(1);

    const outsider = await refusal(
      removeFromCircle(viewer(nobody.id), { clientId: casey.id, otherId: dana.id })
    );
    expect(outsider.code).toBe('FORBIDDEN');

    await removeFromCircle(viewer(bo.id), { clientId: dana.id, otherId: casey.id });
    expect(await edges(casey.id, dana.id)).toEqual([]);
    expect(await labelSeenFrom(alex.id, casey.id, dana.id)).toBeUndefined();

    // And from the other side.
    await addToCircle(viewer(alex.id), {
      clientId: dana.id,
      links: [{ otherId: casey.id, label: 'son', reciprocal: 'mother' }]
    });
    expect(await labelSeenFrom(alex.id, casey.id, dana.id)).toBe('mother');
    await removeFromCircle(viewer(alex.id), { clientId: casey.id, otherId: dana.id });
    expect(await edges(casey.id, dana.id)).toEqual([]);
    await addToCircle(viewer(alex.id), {
      clientId: casey.id,
      links: [{ otherId: dana.id, label: 'mother', reciprocal: 'son' }]
    });
  });
});

describe('need to know', () => {
  it('shows a non-member neither the team nor the circle, also through /graphql', async () => {
    const data = await read(nobody.id, casey.id);
    expect(data.clients[0]?.viewerIsMember).toBe(false);
    expect(data.clients[0]?.team).toEqual([]);
    expect(data.clients[0]?.circle).toEqual([]);
    expect(data.circleCandidates).toEqual([]);
    expect(data.clientTimeline).toEqual([]);
    expect(data.meetingCandidates).toEqual([]);
    const text = JSON.stringify(data);
    for (const secret of [alex.name, alex.email, dana.id, secretAddress]) {
      expect(text).not.toContain(secret);
    }
    const address = await executeGraphQL(
      viewer(nobody.id),
      `query A($id: ID!) { client(id: $id) { id address { text } } }`,
      { id: casey.id }
    ).catch((e: unknown) => e);
    expect(address).toBeInstanceOf(GraphQLOperationError);
    expect((address as GraphQLOperationError).hasCode('FORBIDDEN')).toBe(true);
  });

  it('never names a restricted member to anybody else', async () => {
    for (const [who, clientId] of [
      [alex.id, casey.id],
      [alex.id, dana.id],
      [bo.id, dana.id]
    ] as const) {
      const data = await read(who, clientId);
      const text = JSON.stringify(data);
      for (const secret of [rita.name, rita.email, rita.id, fixture.sensitiveAgencyName]) {
        expect(text).not.toContain(secret);
      }
      expect(data.clients[0]?.team.some((m) => m.masked)).toBe(true);
      expect(data.meetingCandidates.some((m) => m.masked && m.name === null)).toBe(true);
      expect(data.clientTimeline.some((e) => e.kind === 'team.joined' && e.actorMasked)).toBe(true);
    }
    // The circle names agencies, never the sensitive one.
    const { clients } = await read(alex.id, casey.id);
    expect(clients[0]?.circle.find((c) => c.clientId === dana.id)?.agencies).toEqual([
      fixture.agencyName
    ]);
  });

  it('keeps a withheld address out of circles, packs and the activity', async () => {
    // Alex withheld Casey's address, so Alex may see it — but not in any of these.
    await updateClient(viewer(alex.id), {
      clientId: casey.id,
      details: { address: { text: secretAddress, withheldForSafety: true }, preferredName: 'Cas' }
    });
    const fromCasey = await read(alex.id, casey.id);
    const fromDana = await read(alex.id, dana.id);
    const pack = await loadMeetingPack(
      viewer(alex.id),
      casey.id,
      fromCasey.meetingCandidates.map((c) => c.key)
    );
    expect(pack?.client.addressWithheld).toBe(true);
    expect(pack?.client.address).toBeNull();
    expect(pack?.attendees.length).toBeGreaterThan(0);
    const events = await eventsFor([casey.id]);
    for (const text of [
      JSON.stringify(fromCasey),
      JSON.stringify(fromDana),
      JSON.stringify(pack),
      JSON.stringify(events)
    ]) {
      expect(text).not.toContain('Hidden Lane');
    }
    // The pack of a client whose address is not withheld shows it.
    const danaPack = await loadMeetingPack(viewer(alex.id), dana.id, []);
    expect(danaPack?.client.address).toBe(`1 Open Street ${fixture.tag}`);
    expect(JSON.stringify(danaPack)).not.toContain('Hidden Lane');
  });
});
