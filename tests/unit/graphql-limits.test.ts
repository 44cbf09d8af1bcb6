/** Depth, cost, size, alias and batch limits: the same for /graphql and in-process operations. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLSchema, parse, specifiedRules, validate } from '../../graph/graphql-js.ts';
import {
  LIMITS,
  batchProblem,
  estimateCost,
  queryDepth,
  validationRules
} from '../../graph/limits.ts';
import { getSchema } from '../../graph/schema.ts';
import { createApolloServer } from '../../src/lib/server/graphql/apollo.ts';
import { handleGraphQLRequest } from '../../src/lib/server/graphql/http.ts';
import { PRACTITIONER, fakeNeo4j } from './graphql-helpers.ts';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await getSchema();
});

function problems(query: string): string[] {
  return validate(schema, parse(query), [...specifiedRules, ...validationRules]).map(
    (e) => e.message
  );
}

/** `{ areas(limit: 1) { parent { ... { id } } } }` with `depth` levels of fields in all. */
function deepQuery(depth: number): string {
  const parents = depth - 2;
  return `{ areas(limit: 1) { ${'parent { '.repeat(parents)}id${' }'.repeat(parents)} } }`;
}

function aliasQuery(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: areas(limit: 1) { id }`).join(' ')} }`;
}

describe('depth', () => {
  it('allows 10 levels and rejects 11', () => {
    const operation = parse(deepQuery(10)).definitions[0];
    expect(
      operation?.kind === 'OperationDefinition' && queryDepth(operation.selectionSet, new Map())
    ).toBe(10);
    expect(problems(deepQuery(10))).toEqual([]);
    expect(problems(deepQuery(11))).toEqual([
      `Query is too deep: 11 levels, at most ${LIMITS.maxDepth} allowed.`
    ]);
  });

  it('counts fragments where they are spread, and ignores introspection', () => {
    const viaFragment = `fragment Up on Area { ${'parent { '.repeat(9)}id${' }'.repeat(9)} }
      { areas(limit: 1) { ...Up } }`;
    expect(problems(viaFragment)[0]).toMatch(/too deep: 11 levels/);
    expect(
      problems(
        `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }`
      )
    ).toEqual([]);
  });

  it('does not loop on fragment cycles (graphql-js reports those)', () => {
    const cyclic = 'fragment A on Area { parent { ...A } } { areas(limit: 1) { ...A } }';
    expect(
      problems(cyclic).some((m) => m.includes('Cannot spread fragment "A" within itself'))
    ).toBe(true);
  });
});

describe('cost', () => {
  it('rejects a huge fan-out', () => {
    expect(problems('{ areas(limit: 1000) { children(limit: 1000) { id } } }')[0]).toMatch(
      /^Query is too costly: about \d+, at most 5000 allowed\.$/
    );
  });

  it('assumes a default size for unbounded lists, and 1 for a lookup by id', () => {
    const op = (q: string) => {
      const document = parse(q);
      return estimateCost(schema, document, document.definitions[0] as never);
    };
    expect(op('{ areas { id } }')).toBe(LIMITS.defaultListSize);
    expect(op('{ areas(limit: 3) { id children(limit: 2) { id } } }')).toBe(3 * (1 + 2));
    expect(op('{ client(id: "x") { id team { name } } }')).toBe(1 + 20);
    expect(op('{ practitionersConnection(first: 5) { edges { node { id } } } }')).toBe(
      5 * (1 + 1 + 1)
    );
    expect(op('{ myClients(limit: 2) { activity { id } } }')).toBe(2 * (1 + 50));
    // A type's @limit(default:) is what an unbounded list of it holds.
    expect(op('{ myClients { id } }')).toBe(100);
    expect(op('{ agencies { practitioners { id } } }')).toBe(200 * (1 + 100));
  });

  it('lets a typical client page through', () => {
    const page = `query Client($id: ID!) { client(id: $id) {
      id givenName familyName dob council { name parent { name } }
      team { name agencyName dutyPhone } circle { givenName agencies }
      attentions { message raisedBy { name } } activity(limit: 20) { type actor { name } }
    } }`;
    expect(problems(page)).toEqual([]);
  });

  it('re-checks with the real variables once they are known', async () => {
    const server = await createApolloServer({ production: false });
    const neo4j = fakeNeo4j();
    const query = 'query Fan($n: Int) { areas(limit: $n) { children(limit: $n) { id } } }';
    const small = await server.executeOperation(
      { query, variables: { n: 5 } },
      { contextValue: neo4j.context(PRACTITIONER) }
    );
    expect(small.body.kind === 'single' && small.body.singleResult.errors).toBeFalsy();
    const big = await server.executeOperation(
      { query, variables: { n: 1000 } },
      { contextValue: neo4j.context(PRACTITIONER) }
    );
    expect(big.body.kind).toBe('single');
    if (big.body.kind !== 'single') return;
    expect(big.body.singleResult.errors?.[0]?.message).toMatch(/too costly/);
    expect(big.body.singleResult.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(big.http.status).toBe(400);
    expect(neo4j.queries.filter((q) => q.query.includes('children'))).toHaveLength(1);
  });
});

describe('size and aliases', () => {
  it('rejects a query over 10,000 characters', () => {
    const long = `{ areas(limit: 1) { id } }\n# ${'x'.repeat(LIMITS.maxQueryLength)}`;
    expect(problems(long)).toEqual([
      `Query is too long: ${long.length} characters, at most 10000 allowed.`
    ]);
  });

  it('allows 30 aliases and rejects 31', () => {
    expect(problems(aliasQuery(30))).toEqual([]);
    expect(problems(aliasQuery(31))).toEqual(['Too many aliases: 31, at most 30 allowed.']);
  });

  it('applies the same rules in-process through executeOperation', async () => {
    const server = await createApolloServer({ production: true });
    const response = await server.executeOperation(
      { query: deepQuery(11) },
      { contextValue: fakeNeo4j().context(PRACTITIONER) }
    );
    expect(response.body.kind === 'single' && response.body.singleResult.errors?.[0]).toMatchObject(
      {
        message: 'Query is too deep: 11 levels, at most 10 allowed.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }
      }
    );
  });
});

describe('batches', () => {
  function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
    const request = new Request('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body
    });
    return handleGraphQLRequest(request, null);
  }
  const batch = (n: number) =>
    JSON.stringify(Array.from({ length: n }, () => ({ query: '{ __typename }' })));

  it('knows its own limit', () => {
    expect(batchProblem([1, 2, 3, 4, 5])).toBeNull();
    expect(batchProblem({ query: '{ a }' })).toBeNull();
    expect(batchProblem([1, 2, 3, 4, 5, 6])).toMatch(/6, at most 5/);
  });

  it('answers a batch of 5 and refuses 6 over HTTP', async () => {
    const five = await post(batch(5));
    expect(five.status).toBe(200);
    expect(await five.json()).toEqual(
      Array.from({ length: 5 }, () => ({ data: { __typename: 'Query' } }))
    );
    const six = await post(batch(6));
    expect(six.status).toBe(400);
    expect(await six.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('refuses bodies over the size limit and bodies that are not JSON', async () => {
    const huge = await post(
      JSON.stringify({ query: '{ __typename }', variables: { x: 'y'.repeat(LIMITS.maxBodyBytes) } })
    );
    expect(huge.status).toBe(413);
    const broken = await post('{ "query": ');
    expect(broken.status).toBe(400);
  });
});
