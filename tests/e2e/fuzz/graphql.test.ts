/**
 * Fuzz, /graphql: Lucene phrases for every root that searches or filters by text, every paging
 * argument of every root with bad values (as variables and as literals), ids of every wrong shape
 * for every root and command that takes one, and malformed, deep, aliased and batched bodies.
 * Never a 5xx, never INTERNAL_SERVER_ERROR, nothing stored. Cases: `cases.ts` (GRAPHQL_CASES).
 */
import { describe, expect, inject, it } from 'vitest';
import { postGraphQL } from '../../support/http.ts';
import { GRAPHQL_CASES, PAGING_SLOTS, PHRASE_ROOTS, ID_ROOTS, fill } from './cases.ts';
import { storedCounts, useFuzzFixture } from './fuzz-fixture.ts';
import { expectGraphQLClear } from './fuzz-kit.ts';

const baseUrl = inject('baseUrl');

interface IntrospectedField {
  name: string;
  args: {
    name: string;
    type: { kind: string; name: string | null; ofType: { name: string | null } | null };
  }[];
}

describe('fuzzing /graphql', () => {
  const fixture = useFuzzFixture(baseUrl);

  it('covers every root argument that takes text, a number or an id', async () => {
    const result = await postGraphQL(
      baseUrl,
      {
        query: `{ __schema { queryType { fields { name args { name type { kind name ofType { name } } } } } } }`
      },
      { cookie: fixture().cookie }
    );
    const [answer] = expectGraphQLClear(result, 'introspection');
    const fields = (answer?.data as { __schema: { queryType: { fields: IntrospectedField[] } } })
      .__schema.queryType.fields;
    const missing: string[] = [];
    for (const field of fields) {
      for (const arg of field.args) {
        const type = arg.type.name ?? arg.type.ofType?.name;
        const slot = `${field.name}(${arg.name})`;
        if (type === 'String' && !PHRASE_ROOTS.some((r) => r.root.startsWith(slot))) {
          missing.push(`${slot}: String`);
        }
        if (type === 'Int' && !PAGING_SLOTS.some((s) => s.slot === slot))
          missing.push(`${slot}: Int`);
        if (type === 'ID' && !ID_ROOTS.some((q) => q.includes(` ${field.name}(`))) {
          missing.push(`${slot}: ID`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  for (const [name, cases] of Object.entries(GRAPHQL_CASES)) {
    it(`${name}: ${cases.length} malformed requests, none an internal error, nothing stored`, async () => {
      const before = await storedCounts();
      let sent = 0;
      for (const c of cases) {
        const result = await postGraphQL(baseUrl, fill(c.body, fixture().place), {
          cookie: fixture().cookie
        });
        expectGraphQLClear(result, c.what);
        sent++;
      }
      expect(sent).toBe(cases.length);
      expect(await storedCounts()).toEqual(before);
    });
  }
});
