/**
 * The hourly limit on client look-ups and the search audit (issue 14, hole 5; DESIGN.md rule 5),
 * through the same entry points pages and /graphql use (Query.search and Query.client, run
 * in-process through Apollo), with the limit set to 5 for this file. The admins' alert goes
 * through the real workers (fan-out and email, in-process on this file's BullMQ prefix) to the
 * fake Resend: the email itself is the end effect checked.
 */
// Before anything reads the configuration (it is parsed once, on first use).
process.env.CLIENT_LOOKUPS_PER_HOUR = '5';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLOperationError, executeGraphQL } from '../../src/lib/server/graphql/execute.ts';
import { getRedis, redisKey } from '../../src/lib/server/redis.ts';
import { LOOKUP_LIMIT_EVENT, lookupsThisHour } from '../../src/lib/server/search/lookups.ts';
import { search } from '../../src/lib/server/search/search.service.ts';
import { waitFor } from '../support/alert-fixtures.ts';
import { startAlertPipeline, type AlertPipeline } from '../support/alert-pipeline.ts';
import {
  closeAll,
  createAccountsFixture,
  removeAccountsFixture,
  run,
  type AccountsFixture
} from './accounts-fixtures.ts';
import { viewer } from './team-fixtures.ts';

let fx: AccountsFixture;
let pipeline: AlertPipeline;

const SEARCH = `query S($q: String!, $limit: Int) {
  search(q: $q, limit: $limit) { q message clients { id givenName familyName } }
}`;
const OPEN = `query O($id: ID!) { client(id: $id) { id givenName createdAt } }`;

interface SearchData {
  search: { q: string; message: string | null; clients: { id: string }[] };
}

async function searchAs(id: string, q: string) {
  return (await executeGraphQL<SearchData>(viewer(id), SEARCH, { q, limit: 10 })).search;
}

/** The operation's refusal, or null when it was answered. */
async function refusal(op: Promise<unknown>) {
  try {
    await op;
    return null;
  } catch (error) {
    if (!(error instanceof GraphQLOperationError)) throw error;
    return error.errors[0] ?? null;
  }
}

async function forget(ids: string[]) {
  const keys = ids.flatMap((id) => [redisKey('lookups', id), redisKey('lookups-alerted', id)]);
  await getRedis().del(...keys);
}

async function searchAudits(actorId: string) {
  const rows = await run(
    `MATCH (e:Event:Audit {type: 'client.searched', actorId: $actorId})
     RETURN e.data AS data, e.clientId AS clientId ORDER BY e.createdAt`,
    { actorId }
  );
  return rows.map((r) => ({
    raw: r.data as string,
    data: JSON.parse(r.data as string) as Record<string, unknown>,
    clientId: r.clientId
  }));
}

beforeAll(async () => {
  pipeline = await startAlertPipeline('client-lookups');
  fx = await createAccountsFixture();
  await forget([fx.outsider.id, fx.member.id, fx.lead.id]);
  // A cold test Neo4j on a busy machine can exceed the search's 5 s timeout at first (answered
  // as "took too long", no clients): warm it up through the service, which counts nothing.
  await waitFor(
    'the search to answer in time',
    async () => (await search(fx.admin.id, { q: `Client${fx.tag}` })).clients.length > 0,
    120_000,
    500
  );
}, 180_000);

afterAll(async () => {
  if (fx) await forget([fx.outsider.id, fx.member.id, fx.lead.id]);
  // The alert's notifications (to every admin) hang off the event, not the fixture's people.
  if (fx) {
    await run(
      `MATCH (e:Event {type: $type}) WHERE e.actorId IN $ids
       MATCH (n:Notification {eventId: e.id}) DETACH DELETE n`,
      { type: LOOKUP_LIMIT_EVENT, ids: [fx.outsider.id, fx.lead.id, fx.member.id] }
    );
  }
  await pipeline?.close();
  await removeAccountsFixture(fx);
  await closeAll();
});

describe('the hourly client look-up limit', () => {
  it('counts distinct look-ups that find clients, refuses the next one, and alerts the admins once', async () => {
    const who = fx.outsider.id;
    const finds = [
      `Client${fx.tag}`,
      `Kira Client${fx.tag}`,
      `Client${fx.tag} 2015`,
      `Other${fx.tag}`
    ];
    for (const q of finds) expect((await searchAs(who, q)).clients.length).toBeGreaterThan(0);
    // The same search again, or typed with other spacing and case, is the same look-up.
    await searchAs(who, finds[0]!);
    await searchAs(who, `  client${fx.tag.toUpperCase()} `);
    // A search that finds no client, or is refused as too short, is not a look-up.
    expect((await searchAs(who, `Nobodyhere${fx.tag}`)).clients).toEqual([]);
    expect((await searchAs(who, '*')).message).toBeTruthy();
    expect(await lookupsThisHour(who)).toBe(4);

    // Opening a client whose team they are not on is a look-up: the fifth, the last allowed.
    const opened = await executeGraphQL<{ client: { id: string } | null }>(viewer(who), OPEN, {
      id: fx.client.id
    });
    expect(opened.client?.id).toBe(fx.client.id);
    expect(await lookupsThisHour(who)).toBe(5);

    // The sixth distinct look-up, by search or by opening, is refused with a clear message.
    const refused = await refusal(searchAs(who, `Olly Other${fx.tag}`));
    expect(refused?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused?.extensions?.reason).toBe('RATE_LIMITED');
    expect(refused?.message).toMatch(/^You have looked up 5 clients in the last hour/);
    const refusedOpen = await refusal(executeGraphQL(viewer(who), OPEN, { id: fx.otherClient.id }));
    expect(refusedOpen?.message).toMatch(/^You have looked up 5 clients/);
    // Looking again at what was already looked up this hour is still allowed.
    expect((await searchAs(who, finds[1]!)).clients.length).toBeGreaterThan(0);
    expect(await lookupsThisHour(who)).toBe(5);

    // One alert event for the admins, however many refusals.
    await refusal(searchAs(who, `Olly 2012`));
    const alerts = await run(
      `MATCH (e:Event {type: $type, actorId: $who}) RETURN e.id AS id, e.outbox AS outbox`,
      { type: LOOKUP_LIMIT_EVENT, who }
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.outbox).toBe(true);

    // Through the alerts pipeline, the admin's email arrives: the practitioner and a link to
    // their access report, and nothing about any client.
    const eventId = alerts[0]!.id as string;
    const emails = (await pipeline.deliver([eventId], 'the alert')).filter(
      (e) => e.idempotencyKey === `${eventId}.${fx.admin.id}` && e.to.includes(fx.admin.email)
    );
    expect(emails).toHaveLength(1);
    const email = emails[0]!;
    expect(email.subject).toBe(
      `Otto Outsider (Other Police ${fx.tag}) reached the hourly limit of client look-ups`
    );
    expect(email.text).toContain(`/admin/access?user=${fx.outsider.id}`);
    const all = `${email.subject}\n${email.html}\n${email.text}`;
    for (const secret of [`Client${fx.tag}`, `Other${fx.tag}`, fx.client.id, 'Kira']) {
      expect(all).not.toContain(secret);
    }
    // Nobody else but admins: the practitioner is not told through this pipeline.
    expect(pipeline.fake.accepted.some((e) => e.to.includes(fx.outsider.email))).toBe(false);
  });

  it('never counts opening a client on one’s own team', async () => {
    for (let i = 0; i < 8; i += 1) {
      const answer = await executeGraphQL<{ client: { createdAt: string | null } | null }>(
        viewer(fx.member.id),
        OPEN,
        { id: fx.client.id }
      );
      // createdAt is team metadata: the member sees it.
      expect(answer.client?.createdAt).toBeTruthy();
    }
    expect(await lookupsThisHour(fx.member.id)).toBe(0);
  });

  it('shows createdAt to the team only', async () => {
    const answer = await executeGraphQL<{ client: { createdAt: string | null } | null }>(
      viewer(fx.lead.id),
      OPEN,
      { id: fx.client.id }
    );
    expect(answer.client).not.toBeNull();
    expect(answer.client?.createdAt).toBeNull();
  });
});

describe('the search audit', () => {
  it('records every search: who, the query and how many it found, never the results', async () => {
    const who = fx.lead.id;
    await searchAs(who, `Kira Client${fx.tag}`);
    await searchAs(who, `Nobodyhere${fx.tag}`);
    await searchAs(who, 'k');
    const audits = await searchAudits(who);
    expect(audits.map((a) => a.data.q)).toEqual([
      `Kira Client${fx.tag}`,
      `Nobodyhere${fx.tag}`,
      'k'
    ]);
    expect(audits[0]!.data).toMatchObject({ clients: 1, refused: false, scope: 'all' });
    expect(audits[1]!.data).toMatchObject({ clients: 0, refused: false });
    expect(audits[2]!.data).toMatchObject({ clients: 0, refused: false });
    for (const audit of audits) {
      // Counts only: no client ids, no dates of birth, nothing of the hits.
      expect(audit.clientId).toBeNull();
      expect(audit.raw).not.toContain(fx.client.id);
      expect(audit.raw).not.toContain('2015-03-12');
      expect(Object.keys(audit.data).sort()).toEqual(
        ['agencies', 'areas', 'capped', 'clients', 'practitioners', 'q', 'refused', 'scope'].sort()
      );
    }
  });

  it('records a search refused by the limit as refused', async () => {
    const audits = await searchAudits(fx.outsider.id);
    const refused = audits.filter((a) => a.data.refused === true);
    expect(refused.map((a) => a.data.q)).toEqual([`Olly Other${fx.tag}`, 'Olly 2012']);
    expect(refused.every((a) => a.data.clients === 0)).toBe(true);
  });
});
