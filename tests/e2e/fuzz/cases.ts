/**
 * Every fuzz case, built when this module loads from fixed seeds: the lists do not depend on which
 * test runs first, and `total.test.ts` can count them without a server. Values that need the
 * running fixture (a client the signed-in practitioner is on, an agency) are the placeholders
 * CLIENT and AGENCY, filled in by `fill`.
 */
import { LUCENE_PAYLOADS } from '../../support/lucene-payloads.ts';
import { nasty, prng, urlPart } from './fuzz-kit.ts';

export const CLIENT = '{{client}}';
export const AGENCY = '{{agency}}';

export interface Place {
  clientId: string;
  agencyId: string;
}

/** Puts the fixture's ids where the placeholders are, in a path or any JSON value. */
export function fill<T>(value: T, place: Place): T {
  if (typeof value === 'string') {
    return value.replaceAll(CLIENT, place.clientId).replaceAll(AGENCY, place.agencyId) as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => fill(v, place)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fill(v as unknown, place)])
    ) as T;
  }
  return value;
}

// ---------------------------------------------------------------- forms

export interface FormCase {
  what: string;
  method: 'GET' | 'POST';
  path: string;
  fields: Record<string, string>;
  /** When the refusal has one status (every value is invalid on purpose). */
  status?: number;
}

/** Invalid on purpose, so that nothing may be stored: no '@', or far too long. */
function badEmail(rand: () => number): string {
  return rand() < 0.5 ? nasty(rand).replaceAll('@', '') : `${'x'.repeat(400)}@example.org`;
}

function repeat<T>(times: number, seed: number, make: (rand: () => number, i: number) => T): T[] {
  const rand = prng(seed);
  return Array.from({ length: times }, (_, i) => make(rand, i));
}

export const FORM_CASES: Record<string, FormCase[]> = {
  reset: repeat(40, 1, (rand) => ({
    what: 'reset',
    method: 'POST',
    path: '/reset',
    fields: { email: badEmail(rand) }
  })),
  invite: repeat(40, 2, (rand) => {
    const fields: Record<string, string> = { email: badEmail(rand) };
    if (rand() < 0.5) fields.clientId = nasty(rand);
    return { what: 'invite', method: 'POST', path: '/invite?/invite', fields, status: 400 };
  }),
  search: repeat(100, 3, (rand) => ({
    what: 'search',
    method: 'GET',
    path: `/search?q=${urlPart(nasty(rand).slice(0, 3000))}&scope=${urlPart(nasty(rand).slice(0, 50))}&area=${urlPart(nasty(rand).slice(0, 50))}`,
    fields: {}
  })),
  join: repeat(60, 4, (rand) => ({
    what: 'join',
    method: 'POST',
    path: '/search?/join',
    // Either a client that does not exist, or a real one with an unusable reason.
    fields:
      rand() < 0.5
        ? { clientId: nasty(rand), reason: 'Allocated worker' }
        : { clientId: CLIENT, reason: rand() < 0.5 ? '' : 'r'.repeat(5000) }
  })),
  addClient: repeat(80, 5, (rand) => ({
    what: 'add client',
    method: 'POST',
    path: '/clients/new?/create',
    fields: {
      givenName: rand() < 0.5 ? '' : nasty(rand),
      familyName: nasty(rand),
      // Never a usable date, so nothing can be created.
      dob: rand() < 0.5 ? nasty(rand) : '2999-01-01',
      councilCode: nasty(rand),
      aliases: nasty(rand),
      confirmNew: '1'
    },
    status: 400
  })),
  editClient: repeat(60, 6, (rand) => ({
    what: 'edit client',
    method: 'POST',
    path: `/clients/${CLIENT}?/updateDetails`,
    fields: {
      // A formula first: refused by the name rule whatever follows.
      givenName: `=${nasty(rand)}`,
      familyName: nasty(rand),
      preferredName: nasty(rand),
      aliases: nasty(rand),
      dob: nasty(rand),
      councilCode: nasty(rand)
    },
    status: 400
  })),
  attention: repeat(50, 7, (rand) => ({
    what: 'raise attention',
    method: 'POST',
    path: `/clients/${CLIENT}/attentions?/raise`,
    fields: {
      message: rand() < 0.5 ? '' : 'm'.repeat(501 + Math.floor(rand() * 5000)),
      priority: nasty(rand)
    }
  })),
  profile: repeat(50, 8, (rand) => ({
    what: 'profile details',
    method: 'POST',
    path: '/profile?/details',
    fields: { name: `<${nasty(rand)}`, phone: nasty(rand), jobTitle: nasty(rand) },
    status: 400
  })),
  password: repeat(30, 9, (rand) => ({
    what: 'change password',
    method: 'POST',
    path: '/profile?/password',
    fields: { current: nasty(rand), password: nasty(rand), confirmation: nasty(rand) },
    status: 400
  }))
};

/**
 * The sign-in form, with addresses no account has (fresh each run) or no address at all: every
 * answer is the one generic refusal, whether or not a lockout has started by then.
 */
export const SIGN_IN_CASES: { email: string; password: string }[] = repeat(24, 10, (rand, i) => ({
  email: rand() < 0.5 ? nasty(rand).slice(0, 400) : `fuzz.${i}.${Date.now()}@nobody.example`,
  password: nasty(rand)
}));

// ---------------------------------------------------------------- /login?next=

/** Hostile `next` values: other origins by every trick browsers allow, and values Node refuses. */
export const NEXT_VALUES: string[] = [
  '',
  '/',
  '/search?q=a',
  '//evil.example',
  '///evil.example',
  '////evil.example/',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '/\u000b/evil.example',
  '/\u0000',
  '/\u0000/evil.example',
  '/%00',
  '/%0a/evil.example',
  '/%0d%0aSet-Cookie:%20x=1',
  '/%0b',
  '/%09/evil.example',
  '/%2f/evil.example',
  '/%2F%2Fevil.example',
  '/%5c/evil.example',
  '/%5C%5Cevil.example',
  '/..//evil.example',
  '/../../evil.example',
  '/./..//evil.example',
  '/a/../..//evil.example',
  'https://evil.example',
  'http://evil.example/',
  'HTTPS://evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'mailto:a@evil.example',
  'evil.example',
  '@evil.example',
  '/@evil.example',
  'https:evil.example',
  'https:/evil.example',
  '/https://evil.example',
  '/\u3002evil.example',
  '/\uff0f\uff0fevil.example',
  '/\u2028',
  '/\ud800',
  '/😀',
  '/search?next=//evil.example',
  '/#//evil.example',
  '/?//evil.example',
  `/${'a'.repeat(1999)}`,
  `/${'a'.repeat(2001)}`,
  `/${'%2F'.repeat(3000)}`,
  // Past safeNext's 2,000 characters, yet under Node's 16 KB request line once percent-encoded.
  `/${'ü'.repeat(1500)}`
];

export type NextMode = 'signed-out page' | 'signed-in page' | 'sign-in form' | 'sign-in query';
export const NEXT_MODES: NextMode[] = [
  'signed-out page',
  'signed-in page',
  'sign-in form',
  'sign-in query'
];

// ---------------------------------------------------------------- tokens

/** Token values: near misses of the real shapes (43 base64url characters, `ta_` for API tokens). */
export const TOKEN_VALUES: string[] = [
  'A'.repeat(43),
  'A'.repeat(42),
  'A'.repeat(44),
  'ta_' + 'A'.repeat(43),
  'ta_' + 'A'.repeat(42),
  'ta_',
  'ta_' + '!'.repeat(43),
  '+'.repeat(43),
  '/'.repeat(43),
  '='.repeat(43),
  'A'.repeat(42) + '=',
  'A'.repeat(40) + '%00',
  'A'.repeat(40) + '%0a',
  'A'.repeat(40) + '%2F',
  '%2e%2e',
  '..%2f..%2fetc%2fpasswd',
  'null',
  'undefined',
  '0',
  '-1',
  'true',
  '[]',
  '{}',
  "' OR 1=1 --",
  '$jwt.sub',
  'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
  'eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo',
  'a.b.c',
  'ü'.repeat(43),
  '😀'.repeat(20),
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(5000),
  '%',
  '%%',
  '%ZZ',
  '\\',
  '<script>',
  'Bearer',
  'A'.repeat(43) + ' extra'
];

export type TokenPlace =
  | 'bearer /graphql'
  | 'bearer /graphql GET'
  | 'reset page'
  | 'reset form'
  | 'activation page'
  | 'activation form'
  | 'unsubscribe page'
  | 'unsubscribe form';
export const TOKEN_PLACES: TokenPlace[] = [
  'bearer /graphql',
  'bearer /graphql GET',
  'reset page',
  'reset form',
  'activation page',
  'activation form',
  'unsubscribe page',
  'unsubscribe form'
];

// ---------------------------------------------------------------- /graphql

export interface GraphQLCase {
  what: string;
  /** JSON body (or raw text), with CLIENT/AGENCY placeholders. */
  body: unknown;
}

/** Every root that takes text it searches or filters by: Lucene phrases go to each. */
export const PHRASE_ROOTS: { root: string; query: string }[] = [
  { root: 'search(q)', query: 'query ($p: String!) { search(q: $p) { message clients { id } } }' },
  {
    root: 'search(scope)',
    query: 'query ($p: String!) { search(q: "Smith", scope: $p) { message } }'
  },
  {
    root: 'search(areas)',
    query: 'query ($p: String!) { search(q: "Smith", areas: [$p]) { message } }'
  },
  {
    root: 'practitioners(name contains)',
    query:
      'query ($p: String!) { practitioners(where: { name: { contains: $p } }, limit: 5) { id } }'
  },
  {
    root: 'practitioners(jobTitle startsWith)',
    query:
      'query ($p: String!) { practitioners(where: { jobTitle: { startsWith: $p } }, limit: 5) { id } }'
  },
  {
    root: 'agencies(name contains)',
    query: 'query ($p: String!) { agencies(where: { name: { contains: $p } }, limit: 5) { id } }'
  },
  {
    root: 'areas(name endsWith)',
    query: 'query ($p: String!) { areas(where: { name: { endsWith: $p } }, limit: 5) { code } }'
  },
  {
    root: 'practitionersConnection(after)',
    query:
      'query ($p: String!) { practitionersConnection(first: 2, after: $p) { edges { node { id } } } }'
  },
  {
    root: 'areasConnection(after)',
    query:
      'query ($p: String!) { areasConnection(first: 2, after: $p) { edges { node { code } } } }'
  },
  {
    root: 'agenciesConnection(after)',
    query:
      'query ($p: String!) { agenciesConnection(first: 2, after: $p) { edges { node { id } } } }'
  },
  { root: 'dashboard(area)', query: 'query ($p: String!) { dashboard(area: $p) { __typename } }' },
  {
    root: 'dashboard(period)',
    query: 'query ($p: String!) { dashboard(period: $p) { __typename } }'
  }
];

/** Every paging argument of every root, with the argument's declared type. */
export const PAGING_SLOTS: { slot: string; type: string; query: (arg: string) => string }[] = [
  {
    slot: 'myAttentions(limit)',
    type: 'Int!',
    query: (a) => `myAttentions(limit: ${a}) { __typename }`
  },
  { slot: 'myNetwork(limit)', type: 'Int', query: (a) => `myNetwork(limit: ${a}) { __typename }` },
  {
    slot: 'neighbourhood(depth)',
    type: 'Int',
    query: (a) => `neighbourhood(clientId: "${CLIENT}", depth: ${a}) { __typename }`
  },
  {
    slot: 'neighbourhood(limit)',
    type: 'Int',
    query: (a) => `neighbourhood(clientId: "${CLIENT}", limit: ${a}) { __typename }`
  },
  {
    slot: 'search(limit)',
    type: 'Int',
    query: (a) => `search(q: "Smith", limit: ${a}) { message }`
  },
  {
    slot: 'agencyStaff(limit)',
    type: 'Int',
    query: (a) => `agencyStaff(agencyId: "${AGENCY}", limit: ${a}) { __typename }`
  },
  {
    slot: 'clientTimeline(limit)',
    type: 'Int!',
    query: (a) => `clientTimeline(clientId: "${CLIENT}", limit: ${a}) { __typename }`
  },
  {
    slot: 'myClientCards(limit)',
    type: 'Int!',
    query: (a) => `myClientCards(limit: ${a}) { __typename }`
  },
  { slot: 'myClients(limit)', type: 'Int!', query: (a) => `myClients(limit: ${a}) { id }` },
  { slot: 'myClients(offset)', type: 'Int!', query: (a) => `myClients(offset: ${a}) { id }` },
  { slot: 'areas(limit)', type: 'Int', query: (a) => `areas(limit: ${a}) { code }` },
  { slot: 'areas(offset)', type: 'Int', query: (a) => `areas(limit: 1, offset: ${a}) { code }` },
  { slot: 'agencies(limit)', type: 'Int', query: (a) => `agencies(limit: ${a}) { id }` },
  {
    slot: 'agencies(offset)',
    type: 'Int',
    query: (a) => `agencies(limit: 1, offset: ${a}) { id }`
  },
  { slot: 'practitioners(limit)', type: 'Int', query: (a) => `practitioners(limit: ${a}) { id }` },
  {
    slot: 'practitioners(offset)',
    type: 'Int',
    query: (a) => `practitioners(limit: 1, offset: ${a}) { id }`
  },
  {
    slot: 'areasConnection(first)',
    type: 'Int',
    query: (a) => `areasConnection(first: ${a}) { edges { node { code } } }`
  },
  {
    slot: 'agenciesConnection(first)',
    type: 'Int',
    query: (a) => `agenciesConnection(first: ${a}) { edges { node { id } } }`
  },
  {
    slot: 'practitionersConnection(first)',
    type: 'Int',
    query: (a) => `practitionersConnection(first: ${a}) { edges { node { id } } }`
  }
];

/** As variables: negative, null, zero, past Int's range, fractions, strings, other types. */
const PAGING_VALUES: unknown[] = [
  -1,
  -2147483648,
  null,
  0,
  2147483647,
  2147483648,
  1.5,
  -0.5,
  '10',
  'ten',
  true,
  [],
  {},
  1e308
];
/** As literals in the query text. */
const PAGING_LITERALS = [
  '-1',
  'null',
  '0',
  '2147483647',
  '99999999999999999999',
  '1.5',
  '"10"',
  'true',
  '[1]',
  '{a: 1}',
  '$undeclared'
];

/** Roots and commands that take an id: ids of every wrong shape and type. */
export const ID_ROOTS = [
  'query ($id: ID!) { client(id: $id) { id givenName } }',
  'query ($id: ID!) { agencyStaff(agencyId: $id) { __typename } }',
  'query ($id: ID!) { clientTimeline(clientId: $id) { __typename } }',
  'query ($id: ID!) { meetingCandidates(clientId: $id) { __typename } }',
  'query ($id: ID!) { circleCandidates(clientId: $id) { __typename } }',
  'query ($id: ID!) { leadAppointment(clientId: $id) { __typename } }',
  'query ($id: ID!) { neighbourhood(clientId: $id) { __typename } }',
  'query ($id: ID!) { attentionBoard(clientId: $id) { __typename } }',
  'mutation ($id: ID!) { joinTeam(clientId: $id, reason: "Allocated worker") { ok code } }',
  'mutation ($id: ID!) { acknowledgeAttention(attentionId: $id) { ok code } }',
  'mutation ($id: ID!) { removeFromCircle(clientId: $id, otherId: $id) { ok code } }'
];
const BAD_IDS: unknown[] = [
  '',
  ' ',
  'x',
  '-1',
  '00000000-0000-0000-0000-000000000000',
  "' OR 1=1 --",
  '") RETURN c //',
  '../..',
  '\u0000',
  'a'.repeat(5000),
  '😀',
  '{"$ne":1}',
  42,
  true,
  null,
  [],
  { id: 'x' }
];

function deepSelection(depth: number): string {
  return `{ __schema { types { ${'fields { type { ofType { '.repeat(depth)}name${' } } }'.repeat(depth)} } } }`;
}

function malformedBodies(): GraphQLCase[] {
  const rand = prng(11);
  const makers: [string, () => unknown][] = [
    ['text', () => nasty(rand)],
    ['truncated JSON', () => '{"query": '],
    ['nasty query', () => ({ query: nasty(rand) })],
    [
      'wrong variable type',
      () => ({ query: 'query($q: String!) { search(q: $q) { message } }', variables: { q: 42 } })
    ],
    [
      'object variable',
      () => ({
        query: 'query($q: String!) { search(q: $q) { message } }',
        variables: { q: { $ne: 1 } }
      })
    ],
    ['variables not an object', () => ({ query: '{ me { id } }', variables: nasty(rand) })],
    [
      'operationName unknown',
      () => ({ query: 'query A { me { id } }', operationName: nasty(rand) })
    ],
    ['deep', () => ({ query: deepSelection(3 + Math.floor(rand() * 40)) })],
    [
      'aliases',
      () => ({
        query: `{ ${Array.from({ length: 50 + Math.floor(rand() * 400) }, (_, i) => `a${i}: me { id }`).join(' ')} }`
      })
    ],
    [
      'batch',
      () => Array.from({ length: 1 + Math.floor(rand() * 12) }, () => ({ query: '{ me { id } }' }))
    ],
    [
      'fragment cycle',
      () => ({ query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' })
    ],
    [
      'directives',
      () => ({
        query: `{ me ${'@include(if: true) '.repeat(1 + Math.floor(rand() * 300))}{ id } }`
      })
    ],
    ['undeclared variable', () => ({ query: '{ client(id: $x) { id } }' })],
    [
      'literal nasty id',
      () => ({
        query: `{ client(id: ${JSON.stringify(nasty(rand).slice(0, 500))}) { id givenName } }`
      })
    ],
    [
      'nested list variable',
      () => ({
        query: 'query($a: [String!]) { search(q: "Smith", areas: $a) { message } }',
        variables: { a: JSON.parse('['.repeat(200) + ']'.repeat(200)) as unknown }
      })
    ],
    ['huge query', () => ({ query: 'x'.repeat(20_000) })],
    ['subscription', () => ({ query: 'subscription { me { id } }' })],
    [
      'mutation with nasty update',
      () => ({
        query:
          'mutation($i: ClientDetailsInput!) { updateClient(clientId: "' +
          CLIENT +
          '", input: $i) { ok code } }',
        variables: { i: { givenName: `=${nasty(rand)}`, dob: nasty(rand), aliases: [nasty(rand)] } }
      })
    ]
  ];
  return makers.flatMap(([what, make]) =>
    Array.from({ length: 8 }, () => ({ what: `body: ${what}`, body: make() }))
  );
}

export const GRAPHQL_CASES: Record<string, GraphQLCase[]> = {
  lucene: PHRASE_ROOTS.flatMap(({ root, query }) =>
    LUCENE_PAYLOADS.map((p) => ({
      what: `${root} ${JSON.stringify(p)}`,
      body: { query, variables: { p } }
    }))
  ),
  pagingVariables: PAGING_SLOTS.flatMap(({ slot, type, query }) =>
    PAGING_VALUES.map((n) => ({
      what: `${slot} = ${JSON.stringify(n)}`,
      body: { query: `query ($n: ${type}) { ${query('$n')} }`, variables: { n } }
    }))
  ),
  pagingLiterals: PAGING_SLOTS.flatMap(({ slot, query }) =>
    PAGING_LITERALS.map((literal) => ({
      what: `${slot}: ${literal}`,
      body: { query: `{ ${query(literal)} }` }
    }))
  ),
  ids: ID_ROOTS.flatMap((query) =>
    BAD_IDS.map((id) => ({
      what: `${query.slice(0, 60)} id=${JSON.stringify(id)?.slice(0, 40)}`,
      body: { query, variables: { id } }
    }))
  ),
  bodies: malformedBodies()
};

/** Used by the total: every list above, counted once. */
export function countAll(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, list] of Object.entries(FORM_CASES)) counts[`form ${name}`] = list.length;
  counts['sign-in form'] = SIGN_IN_CASES.length;
  counts['/login?next='] = NEXT_VALUES.length * NEXT_MODES.length;
  counts.tokens = TOKEN_VALUES.length * TOKEN_PLACES.length;
  for (const [name, list] of Object.entries(GRAPHQL_CASES)) counts[`graphql ${name}`] = list.length;
  return counts;
}
