/**
 * Names that addClient refuses, sent where they used to be stored (issue 15, finding 7), as an
 * attacker would send them: signed in over HTTP against the built app.
 *
 * - `updateClient` over /graphql, in each name field and the aliases: BAD_USER_INPUT.
 * - The client page's "Edit details" form (`?/updateDetails`): a 400 with the message.
 * - The profile's "Your details" form (`/profile?/details`): a 400 with the field's error.
 *
 * After every refusal the client's names and the practitioner's name are what they were.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { BAD_NAMES } from '../support/bad-names.ts';
import { closeTestDriver } from '../support/db.ts';
import { postForm, postGraphQL, signIn } from '../support/http.ts';
import {
  addClient,
  addMember,
  addPractitioner,
  createFixture,
  removeFixture,
  run
} from '../integration/team-fixtures.ts';

const baseUrl = inject('baseUrl');
const PASSWORD = 'names harbour kettle 2026';
const UPDATE = `mutation ($id: ID!, $input: ClientDetailsInput!) {
  updateClient(clientId: $id, input: $input) { ok code message changed }
}`;

let fixture: Awaited<ReturnType<typeof createFixture>>;
let mallory: Awaited<ReturnType<typeof addPractitioner>>;
let client: Awaited<ReturnType<typeof addClient>>;
let cookie: string;

async function stored() {
  const [row] = await run(
    `MATCH (c:Client {id: $clientId}), (p:Practitioner {id: $practitionerId})
     RETURN c.givenName AS givenName, c.familyName AS familyName,
       c.preferredName AS preferredName, c.aliases AS aliases, p.name AS name`,
    { clientId: client.id, practitionerId: mallory.id }
  );
  return row;
}

beforeAll(async () => {
  fixture = await createFixture();
  mallory = await addPractitioner(fixture, 'Mallory Names');
  await run('MATCH (p:Practitioner {id: $id}) SET p.passwordHash = $hash', {
    id: mallory.id,
    hash: await hashPassword(PASSWORD)
  });
  client = await addClient(fixture, 'Nell');
  await addMember(mallory.id, client.id, { lead: true });
  cookie = await signIn(baseUrl, mallory.email, PASSWORD);
});

afterAll(async () => {
  await removeFixture(fixture);
  await closeTestDriver();
});

describe.each(BAD_NAMES)('the name “$label”', ({ value, optionalMayBeEmpty }) => {
  const fields = ['givenName', 'familyName', 'preferredName', 'aliases'].filter(
    // An empty preferred name or alias list means "none", which is fine.
    (field) => !(optionalMayBeEmpty && (field === 'preferredName' || field === 'aliases'))
  );

  it('is refused by updateClient over /graphql in every name field', async () => {
    const before = await stored();
    for (const field of fields) {
      const answer = await postGraphQL(
        baseUrl,
        {
          query: UPDATE,
          variables: { id: client.id, input: { [field]: field === 'aliases' ? [value] : value } }
        },
        { cookie }
      );
      expect(answer.status, answer.body).toBe(200);
      const body = JSON.parse(answer.body) as {
        data: { updateClient: { ok: boolean; code: string | null } };
      };
      expect(body.data.updateClient, `${field}: ${answer.body}`).toMatchObject({
        ok: false,
        code: 'BAD_USER_INPUT'
      });
    }
    expect(await stored()).toEqual(before);
  });

  it('is refused by the client page’s edit form', async () => {
    // The aliases box takes one alias a line, so there a newline separates two good aliases.
    const formFields = fields.filter((field) => !(field === 'aliases' && value.includes('\n')));
    const before = await stored();
    const current = {
      givenName: client.givenName,
      familyName: client.familyName,
      preferredName: '',
      aliases: '',
      dob: '2012-05-06',
      councilCode: fixture.areaCode
    };
    for (const field of formFields) {
      const response = await postForm(
        baseUrl,
        `/clients/${client.id}?/updateDetails`,
        { ...current, [field]: value },
        cookie
      );
      expect(response.status, `${field}: ${response.body.slice(0, 300)}`).toBe(400);
    }
    expect(await stored()).toEqual(before);
  });

  it('is refused by the profile form', async () => {
    const before = await stored();
    const response = await postForm(
      baseUrl,
      '/profile?/details',
      { name: value, phone: '02 9555 0123', jobTitle: 'Caseworker' },
      cookie
    );
    expect(response.status, response.body.slice(0, 300)).toBe(400);
    expect(await stored()).toEqual(before);
  });
});
