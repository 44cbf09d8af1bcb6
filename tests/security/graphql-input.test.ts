/**
 * Hostile input over /graphql (issue 15, findings 5, 6 and 8), sent as a signed-in practitioner
 * against the built app:
 *
 * - Lucene phrases: every query-parser metacharacter as a name phrase, through the generated
 *   fulltext roots (`practitionersByName`, `agenciesByName`, now gone) and through `search`.
 *   None may answer 5xx or INTERNAL_SERVER_ERROR.
 * - Bad paging arguments (negative or null `limit`/`offset`/`first`, literal or variable) and any
 *   `subscription`: the caller's mistake, so BAD_USER_INPUT or GRAPHQL_VALIDATION_FAILED, never
 *   an internal error.
 * - A suspended practitioner is not in the phone book: not by name, not by id, not under their
 *   agency.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { closeTestDriver } from '../support/db.ts';
import { postGraphQL, signIn } from '../support/http.ts';
import { LUCENE_PAYLOADS } from '../support/lucene-payloads.ts';
import {
  addClient,
  addMember,
  addPractitioner,
  createFixture,
  removeFixture,
  run
} from '../integration/team-fixtures.ts';

const baseUrl = inject('baseUrl');
const PASSWORD = 'graphql input kettle 2026';

type Person = Awaited<ReturnType<typeof addPractitioner>>;
let fixture: Awaited<ReturnType<typeof createFixture>>;
let mia: Person, sam: Person;
let cookie: string;

interface Answer {
  status: number;
  body: string;
  errors: { message: string; extensions?: { code?: string } }[];
  data?: Record<string, unknown> | null;
}

async function ask(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const answer = await postGraphQL(baseUrl, { query, variables }, { cookie });
  let parsed: { errors?: Answer['errors']; data?: Answer['data'] } = {};
  try {
    parsed = JSON.parse(answer.body) as typeof parsed;
  } catch {
    // A body that is not JSON fails the assertions below with the body shown.
  }
  return {
    status: answer.status,
    body: answer.body,
    errors: parsed.errors ?? [],
    data: parsed.data
  };
}

function codes(answer: Answer): string[] {
  return answer.errors.map((e) => e.extensions?.code ?? 'NO_CODE');
}

/** The caller's mistake, said as such: a 4xx (or 200) with a user-facing code only. */
function expectUserError(answer: Answer) {
  expect(answer.status, answer.body).toBeLessThan(500);
  expect(answer.errors.length, answer.body).toBeGreaterThan(0);
  for (const code of codes(answer)) {
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'], answer.body).toContain(code);
  }
}

beforeAll(async () => {
  fixture = await createFixture();
  mia = await addPractitioner(fixture, 'Mia Searcher');
  sam = await addPractitioner(fixture, 'Sam Suspended');
  await run(`MATCH (p:Practitioner) WHERE p.id IN $ids SET p.passwordHash = $hash`, {
    ids: [mia.id, sam.id],
    hash: await hashPassword(PASSWORD)
  });
  const client = await addClient(fixture, 'Bea');
  await addMember(mia.id, client.id, { sinceDaysAgo: 3 });
  await run(`MATCH (p:Practitioner {id: $id}) SET p.status = 'SUSPENDED'`, { id: sam.id });
  cookie = await signIn(baseUrl, mia.email, PASSWORD);
});

afterAll(async () => {
  await removeFixture(fixture);
  await closeTestDriver();
});

describe('Lucene phrases (finding 5)', () => {
  it('has enough payloads to mean something', () => {
    expect(LUCENE_PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  it('never answers an internal error for a phrase, whichever name root is asked', async () => {
    const failures: string[] = [];
    for (const phrase of LUCENE_PAYLOADS) {
      const asks = [
        ask(
          `query ($p: String!) { practitionersByName(phrase: $p) { edges { score node { id } } } }`,
          {
            p: phrase
          }
        ),
        ask(`query ($p: String!) { agenciesByName(phrase: $p) { edges { score node { id } } } }`, {
          p: phrase
        }),
        ask(`query ($q: String!) { search(q: $q) { message clients { id } } }`, { q: phrase })
      ];
      for (const answer of await Promise.all(asks)) {
        if (answer.status >= 500 || codes(answer).includes('INTERNAL_SERVER_ERROR')) {
          failures.push(`${JSON.stringify(phrase)} -> ${answer.status} ${answer.body}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('bad arguments are the caller’s mistake (finding 6)', () => {
  const cases: [string, string, Record<string, unknown>?][] = [
    ['myClients(limit: -1)', `{ myClients(limit: -1) { id } }`],
    ['myClients(limit: null)', `{ myClients(limit: null) { id } }`],
    ['myClients(offset: -1)', `{ myClients(offset: -1) { id } }`],
    [
      'myClients(limit: $n) with n = -5',
      `query ($n: Int!) { myClients(limit: $n) { id } }`,
      { n: -5 }
    ],
    [
      'myClients(offset: $n) with n = -1',
      `query ($n: Int!) { myClients(offset: $n) { id } }`,
      { n: -1 }
    ],
    [
      'myClients(limit: $n) with n = null',
      `query ($n: Int) { myClients(limit: $n) { id } }`,
      { n: null }
    ],
    ['practitioners(limit: -1)', `{ practitioners(limit: -1) { id } }`],
    ['practitioners(offset: -1)', `{ practitioners(offset: -1) { id } }`],
    ['agencies(limit: -1, offset: -1)', `{ agencies(limit: -1, offset: -1) { id } }`],
    [
      'nested agency { practitioners(offset: -3) }',
      `{ agencies(limit: 1) { practitioners(offset: -3) { id } } }`
    ],
    [
      'in a fragment',
      `query { ...F } fragment F on Query { practitioners(limit: 1, offset: -2) { id } }`
    ],
    ['subscription', `subscription { myClients { id } }`],
    ['subscription with a name', `subscription Watch { __typename }`]
  ];
  for (const [name, query, variables] of cases) {
    it(`${name}: BAD_USER_INPUT or GRAPHQL_VALIDATION_FAILED`, async () => {
      expectUserError(await ask(query, variables));
    });
  }

  it('still answers sensible paging', async () => {
    const answer = await ask(
      `{ myClients(limit: 0, offset: 0) { id } practitioners(limit: 1) { id } }`
    );
    expect(answer.errors, answer.body).toEqual([]);
  });
});

describe('a suspended practitioner is out of the phone book (finding 8)', () => {
  it('is not found by name', async () => {
    const answer = await ask(
      `query ($n: String!) { practitioners(where: { name: { eq: $n } }) { id name } }`,
      { n: sam.name }
    );
    expect(answer.errors, answer.body).toEqual([]);
    expect(answer.data?.practitioners).toEqual([]);
  });

  it('is not found by id, nor under their agency', async () => {
    const answer = await ask(
      `query ($id: ID!, $agency: ID!) {
        practitioners(where: { id: { eq: $id } }) { id }
        agencies(where: { id: { eq: $agency } }) { practitioners { id } }
      }`,
      { id: sam.id, agency: fixture.agencyId }
    );
    expect(answer.errors, answer.body).toEqual([]);
    expect(answer.data?.practitioners).toEqual([]);
    const staff = (answer.data?.agencies as { practitioners: { id: string }[] }[])[0]!
      .practitioners;
    expect(staff.map((p) => p.id)).toContain(mia.id);
    expect(staff.map((p) => p.id)).not.toContain(sam.id);
  });

  it('is not found by looking for suspended accounts, and status is not readable', async () => {
    const answer = await ask(
      `query ($id: ID!) { practitioners(where: { id: { eq: $id }, status: { eq: "SUSPENDED" } }) { id } }`,
      { id: sam.id }
    );
    expect(answer.errors, answer.body).toEqual([]);
    expect(answer.data?.practitioners).toEqual([]);
    expectUserError(await ask(`{ practitioners(limit: 1) { id status } }`));
  });

  it('an active colleague still is', async () => {
    const answer = await ask(
      `query ($n: String!) { practitioners(where: { name: { eq: $n } }) { id } }`,
      { n: mia.name }
    );
    expect(answer.errors, answer.body).toEqual([]);
    expect(answer.data?.practitioners).toEqual([{ id: mia.id }]);
  });
});
