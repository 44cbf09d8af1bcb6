/**
 * One rule for a person's name on every path that stores one (issue 15, finding 7): adding a
 * client and correcting one (through the GraphQL commands, as the pages send them), editing the
 * profile and activating an account (through the form reader and the services, as the form
 * actions call them). Each bad name is refused on every path, with BAD_USER_INPUT or a form
 * error, and nothing changes in the database. Before the rule, updateClient, the profile and
 * activation stored markup, formulas and control characters that addClient refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateAccount } from '../../src/lib/server/accounts/activation.service.ts';
import { readProfileFields } from '../../src/lib/server/accounts/profile-fields.ts';
import { updateProfile } from '../../src/lib/server/accounts/profile.service.ts';
import { hashToken, newToken } from '../../src/lib/server/accounts/tokens.ts';
import { executeGraphQL } from '../../src/lib/server/graphql/execute.ts';
import { closeQueues } from '../../src/lib/server/queues.ts';
import { closeRedis } from '../../src/lib/server/redis.ts';
import { sendCommand } from '../../src/lib/server/teams/team-mutations.ts';
import { ADD_CLIENT_MUTATION } from '../../src/lib/search/queries.ts';
import { BAD_NAMES, GOOD_NAME } from '../support/bad-names.ts';
import { closeTestDriver, nameTag } from '../support/db.ts';
import {
  addClient,
  addMember,
  addPractitioner,
  createFixture,
  removeFixture,
  run,
  viewer
} from './team-fixtures.ts';

const PASSWORD = 'correct horse refuge lantern 2026';
const CLIENT_NAME_FIELDS = ['givenName', 'familyName', 'preferredName'] as const;

let fixture: Awaited<ReturnType<typeof createFixture>>;
let ada: Awaited<ReturnType<typeof addPractitioner>>;
let client: Awaited<ReturnType<typeof addClient>>;
let invite: { token: string; email: string; id: string };
/** Family name of every client the add attempts would create: none may exist afterwards. */
const probeFamily = `Probe${nameTag()}`;
/** The real name added by the positive control: another family, so no order matters. */
const goodFamily = `Good${nameTag()}`;

interface AddAnswer {
  addClient: { ok: boolean; code: string | null; fieldErrors: { field: string }[] };
}

function profileForm(name: string): FormData {
  const form = new FormData();
  form.set('name', name);
  form.set('phone', '02 9555 0123');
  form.set('jobTitle', 'Caseworker');
  return form;
}

async function clientRow() {
  const [row] = await run(
    `MATCH (c:Client {id: $id})
     RETURN c.givenName AS givenName, c.familyName AS familyName,
       c.preferredName AS preferredName, c.aliases AS aliases`,
    { id: client.id }
  );
  return row;
}

async function updateEvents() {
  return run(
    `MATCH (e:Event {type: 'client.updated'}) WHERE e.clientId = $id
     RETURN e.id AS id ORDER BY id`,
    { id: client.id }
  );
}

beforeAll(async () => {
  fixture = await createFixture();
  ada = await addPractitioner(fixture, 'Ada Lovelace');
  client = await addClient(fixture, 'Bea');
  await addMember(ada.id, client.id, { lead: true });
  const { token, tokenHash } = newToken();
  invite = { token, email: `invitee.${fixture.tag}@names.example`, id: randomUUID() };
  fixture.ids.add(invite.id);
  await run(
    `CREATE (:Invite {id: $id, email: $email, tokenHash: $tokenHash, createdAt: datetime(),
       expiresAt: datetime() + duration({days: 7}), usedAt: null, revokedAt: null,
       clientId: null, invitedById: $inviter})`,
    { id: invite.id, email: invite.email, tokenHash, inviter: ada.id }
  );
});

afterAll(async () => {
  const created = await run(
    `MATCH (p:Practitioner {email: $email}) RETURN p.id AS id
     UNION MATCH (c:Client) WHERE c.familyName IN [$family, $good] RETURN c.id AS id`,
    { email: invite.email, family: probeFamily, good: goodFamily }
  );
  for (const row of created) fixture.ids.add(row.id as string);
  await removeFixture(fixture);
  await closeQueues();
  await closeRedis();
  await closeTestDriver();
});

describe.each(BAD_NAMES)('the name “$label”', ({ value, optionalMayBeEmpty }) => {
  it('is refused by addClient in every name field and in the aliases, creating nothing', async () => {
    const fields = [...CLIENT_NAME_FIELDS, 'aliases'].filter(
      // An empty preferred name or alias list means "none", which is fine.
      (field) => !(optionalMayBeEmpty && (field === 'preferredName' || field === 'aliases'))
    );
    for (const field of fields) {
      const input: Record<string, unknown> = {
        givenName: 'Probe',
        familyName: probeFamily,
        dob: '2012-05-06',
        councilCode: fixture.areaCode,
        confirmNew: true,
        [field]: field === 'aliases' ? [value] : value
      };
      if (field === 'familyName') input.aliases = [probeFamily];
      const { addClient: answer } = await executeGraphQL<AddAnswer>(
        viewer(ada.id),
        ADD_CLIENT_MUTATION,
        { input }
      );
      expect(answer, field).toMatchObject({ ok: false, code: 'INVALID' });
      expect(
        answer.fieldErrors.map((e) => e.field),
        field
      ).toEqual([field]);
    }
    const created = await run(
      `MATCH (c:Client) WHERE c.familyName = $family OR $family IN c.aliases RETURN c.id AS id`,
      { family: probeFamily }
    );
    expect(created).toEqual([]);
  });

  it('is refused by updateClient in every name field and in the aliases, changing nothing', async () => {
    const before = await clientRow();
    const eventsBefore = await updateEvents();
    const fields = [...CLIENT_NAME_FIELDS, 'aliases'].filter(
      (field) => !(optionalMayBeEmpty && (field === 'preferredName' || field === 'aliases'))
    );
    for (const field of fields) {
      const answer = await sendCommand(viewer(ada.id), 'updateClient', {
        clientId: client.id,
        input: { [field]: field === 'aliases' ? [value] : value }
      });
      expect(answer, field).toMatchObject({ ok: false, code: 'BAD_USER_INPUT' });
    }
    expect(await clientRow()).toEqual(before);
    expect(await updateEvents()).toEqual(eventsBefore);
  });

  it('is refused by the profile form, changing nothing', async () => {
    const nameNow = async () =>
      (await run('MATCH (p:Practitioner {id: $id}) RETURN p.name AS name', { id: ada.id }))[0]
        ?.name;
    const before = await nameNow();
    const result = await updateProfile(ada.id, readProfileFields(profileForm(value)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['name']);
    expect(await nameNow()).toBe(before);
  });

  it('is refused at activation, creating no account and leaving the invitation unused', async () => {
    const result = await activateAccount(invite.token, {
      ...readProfileFields(profileForm(value)),
      agencyId: fixture.agencyId,
      newAgency: null,
      password: PASSWORD,
      confirmation: PASSWORD
    });
    expect(result.ok).toBe(false);
    if (!result.ok && result.reason === 'input')
      expect(Object.keys(result.errors)).toEqual(['name']);
    else expect.fail(`expected a form error, got ${JSON.stringify(result)}`);
    const rows = await run(
      `MATCH (i:Invite {tokenHash: $tokenHash})
       RETURN i.usedAt IS NULL AS unused,
         EXISTS { MATCH (:Practitioner {email: i.email}) } AS account`,
      { tokenHash: hashToken(invite.token) }
    );
    expect(rows).toEqual([{ unused: true, account: false }]);
  });
});

describe('the same rule accepts real names', () => {
  it('on every path, so the refusals above are the rule and not a broken path', async () => {
    const added = await executeGraphQL<AddAnswer & { addClient: { clientId: string | null } }>(
      viewer(ada.id),
      ADD_CLIENT_MUTATION,
      {
        input: {
          givenName: GOOD_NAME,
          familyName: goodFamily,
          preferredName: 'Zo',
          aliases: ['Zoe OBrien'],
          dob: '2012-05-06',
          councilCode: fixture.areaCode,
          confirmNew: true
        }
      }
    );
    expect(added.addClient).toMatchObject({ ok: true });
    if (added.addClient.clientId) fixture.ids.add(added.addClient.clientId);

    const updated = await sendCommand(viewer(ada.id), 'updateClient', {
      clientId: client.id,
      input: { preferredName: GOOD_NAME }
    });
    expect(updated).toMatchObject({ ok: true, changed: ['preferredName'] });
    expect((await clientRow())?.preferredName).toBe(GOOD_NAME);

    expect(await updateProfile(ada.id, readProfileFields(profileForm(`  ${GOOD_NAME}  `)))).toEqual(
      { ok: true }
    );
    const [row] = await run('MATCH (p:Practitioner {id: $id}) RETURN p.name AS name', {
      id: ada.id
    });
    expect(row?.name).toBe(GOOD_NAME);
  });

  it('keeps a name stored before the rule editable: sent back unchanged, it is no change', async () => {
    const legacy = await addClient(fixture, 'Legacy <b>2</b>');
    await addMember(ada.id, legacy.id);
    const answer = await sendCommand(viewer(ada.id), 'updateClient', {
      clientId: legacy.id,
      input: { givenName: legacy.givenName, familyName: legacy.familyName, dob: '2012-05-07' }
    });
    expect(answer).toMatchObject({ ok: true, changed: ['dob'] });
    const [row] = await run('MATCH (c:Client {id: $id}) RETURN c.givenName AS name', {
      id: legacy.id
    });
    expect(row?.name).toBe('Legacy <b>2</b>');
  });
});
