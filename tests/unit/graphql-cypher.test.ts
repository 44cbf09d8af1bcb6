/**
 * The Cypher @neo4j/graphql generates for our schema, checked for the properties that matter
 * rather than snapshotted: who the rules see ($jwt), where the need-to-know checks sit, and what
 * is never read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApolloServer } from '@apollo/server';
import { createApolloServer } from '../../src/lib/server/graphql/apollo.ts';
import type { GraphQLContext } from '../../src/lib/server/graphql/context.ts';
import { PRACTITIONER, fakeNeo4j } from './graphql-helpers.ts';

const MEMBER_CHECK =
  'EXISTS { MATCH (:Practitioner {id: $jwt.sub})-[v:MEMBER_OF]->(this) WHERE v.until IS NULL }';

let server: ApolloServer<GraphQLContext>;
beforeAll(async () => {
  server = await createApolloServer({ production: false });
});

async function cypherFor(query: string, variables?: Record<string, unknown>) {
  const neo4j = fakeNeo4j();
  const response = await server.executeOperation(
    { query, variables },
    { contextValue: neo4j.context(PRACTITIONER) }
  );
  expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeFalsy();
  expect(neo4j.queries).toHaveLength(1);
  return neo4j.queries[0]!;
}

/** The body of the CALL subquery that computes one @cypher field. */
function subquery(cypher: string, marker: string): string {
  const start = cypher.indexOf(marker);
  expect(start, `no ${marker} in the Cypher`).toBeGreaterThanOrEqual(0);
  const end = cypher.indexOf('\n}', start);
  return cypher.slice(start, end);
}

describe('generated Cypher', () => {
  it('passes the viewer as $jwt and nothing else about them', async () => {
    const { params } = await cypherFor('{ myClients(limit: 1) { id team { name } } }');
    expect(params.jwt).toEqual({ sub: PRACTITIONER.id, roles: PRACTITIONER.roles });
  });

  it('gates every team-only field on current membership', async () => {
    const { query } = await cypherFor(`{ myClients(limit: 1) {
      id aliases team { name } circle { label } attentions { message } activity { type } address { text }
    } }`);
    for (const marker of [
      '// Client.aliases',
      '// Client.team',
      '// Client.circle',
      '// Client.attentions',
      '// Client.activity',
      '// Client.address'
    ]) {
      expect(subquery(query, marker)).toContain(MEMBER_CHECK);
    }
    // The address refuses outright; the lists filter.
    const address = subquery(query, '// Client.address');
    expect(address.replace(/\s+/g, ' ')).toContain(
      `apoc.util.validate( NOT ${MEMBER_CHECK}, '@neo4j/graphql/FORBIDDEN'`
    );
  });

  it('masks restricted members wherever a practitioner is shown', async () => {
    const { query } = await cypherFor(`{ myClients(limit: 1) {
      id team { name } attentions { raisedBy { name } } activity { actor { name } } address { withheldBy { name } }
    } }`);
    expect(subquery(query, '// Client.team')).toContain(
      'restricted AND p.id <> $jwt.sub AS masked'
    );
    expect(subquery(query, '// Client.attentions')).toContain(
      'restricted AND rp.id <> $jwt.sub AS masked'
    );
    expect(subquery(query, '// Client.activity')).toContain(
      'restricted AND actor.id <> $jwt.sub AS masked'
    );
    expect(subquery(query, '// Client.address')).toContain(
      'restricted AND w.id <> $jwt.sub AS masked'
    );
  });

  it('reads only the public fields for a non-member view and never the password hash', async () => {
    const { query } = await cypherFor(
      '{ myClients(limit: 1) { id givenName familyName dob councilCode } }'
    );
    expect(query).toMatch(/\{ \.id, \.givenName, \.familyName, \.dob, \.councilCode \}/);
    expect(query).not.toMatch(/Address|aliases|createdAt/);
    const book = await cypherFor('{ practitioners(limit: 5) { id name email agency { name } } }');
    expect(book.query).not.toMatch(/passwordHash|MEMBER_OF/);
    // The phone book filters out accounts that are not active before it limits.
    expect(book.query).toMatch(/LIMIT \$param\d+/);
  });

  it('finds "my clients" from the practitioner, not by scanning clients', async () => {
    const { query } = await cypherFor('{ myClients(limit: 10) { id } }');
    expect(query).toContain('MATCH (:Practitioner {id: $jwt.sub})-[m:MEMBER_OF]->(client:Client)');
    expect(query).not.toMatch(/MATCH \(this\d*:Client\)/);
  });

  it('caps the activity log at 200 entries whatever the caller asks for', async () => {
    const { query, params } = await cypherFor(
      '{ myClients(limit: 1) { id activity(limit: 99) { id } } }'
    );
    expect(query).toMatch(
      /LIMIT CASE WHEN \$(\w+) < 0 THEN 0 WHEN \$\1 > 200 THEN 200 ELSE \$\1 END/
    );
    expect(Object.values(params)).toContainEqual(expect.objectContaining({ low: 99 }));
  });
});
