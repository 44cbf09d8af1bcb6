/** The schema built from graph/: what it exposes and, as much, what it must never expose. */
import { describe, expect, it } from 'vitest';
import {
  type GraphQLNamedType,
  type GraphQLSchema,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  printSchema
} from '../../graph/graphql-js.ts';
import { LIST_SIZE_BY_TYPE } from '../../graph/limits.ts';
import { getSchema, includeCypher, typeDefs } from '../../graph/schema.ts';

function fieldNames(schema: GraphQLSchema, typeName: string): string[] {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  return Object.keys(type.getFields()).sort();
}

/** Every type reachable from `start` through output fields. */
function reachable(start: GraphQLNamedType): Set<string> {
  const seen = new Set<string>();
  const queue: GraphQLNamedType[] = [start];
  while (queue.length > 0) {
    const type = queue.pop()!;
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) queue.push(getNamedType(field.type));
    }
  }
  return seen;
}

describe('the GraphQL schema', () => {
  it('builds without a database, with every #include resolved', async () => {
    const schema = await getSchema();
    expect(schema.getQueryType()?.name).toBe('Query');
    expect(typeDefs).not.toMatch(/"#include [\w.-]+"/);
    expect(await getSchema()).toBe(schema);
  });

  it('has no generated CRUD mutations for domain types (writes are commands)', async () => {
    const schema = await getSchema();
    const mutations = schema.getMutationType()?.getFields() ?? {};
    for (const plural of ['Areas', 'Agencies', 'Practitioners', 'Clients']) {
      for (const verb of ['create', 'update', 'delete']) {
        expect(mutations).not.toHaveProperty(`${verb}${plural}`);
      }
    }
    // The library's generated mutations answer with these types; commands have their own.
    const generated = Object.values(mutations).filter((field) =>
      /(MutationResponse|DeleteInfo)$/.test(getNamedType(field.type).name)
    );
    expect(generated.map((field) => field.name)).toEqual([]);
    expect(schema.getSubscriptionType()).toBeFalsy();
  });

  it('offers the reads pages and outside clients need', async () => {
    const schema = await getSchema();
    const queries = fieldNames(schema, 'Query');
    for (const name of [
      'areas',
      'agencies',
      'practitioners',
      'client',
      'myClients',
      'search',
      'me'
    ]) {
      expect(queries).toContain(name);
    }
    expect(fieldNames(schema, 'Area')).toEqual(
      expect.arrayContaining(['id', 'code', 'name', 'level', 'parent', 'children'])
    );
    expect(fieldNames(schema, 'Agency')).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'kind',
        'phone',
        'email',
        'dutyPhone',
        'sensitive',
        'areas',
        'practitioners'
      ])
    );
  });

  it('shows a practitioner’s public profile only: no clients, roles, status or password', async () => {
    const schema = await getSchema();
    expect(fieldNames(schema, 'Practitioner')).toEqual(
      [
        'agency',
        'agencyConnection',
        'areas',
        'areasConnection',
        'email',
        'id',
        'jobTitle',
        'name',
        'phone'
      ].sort()
    );
    expect(printSchema(schema)).not.toMatch(/passwordHash|tokenHash/);
  });

  it('never links a client to practitioners or addresses except through the guarded fields', async () => {
    const schema = await getSchema();
    const client = schema.getType('Client');
    expect(client).toBeDefined();
    const types = reachable(client!);
    // Practitioner (and the Address node) would carry restricted members and withheld addresses.
    expect(types).not.toContain('Practitioner');
    expect(types).not.toContain('Address');
    expect(schema.getType('Address')).toBeUndefined();
    expect(fieldNames(schema, 'Client')).toEqual(
      [
        'activity',
        'address',
        'aliases',
        'attentions',
        'circle',
        'council',
        'councilCode',
        'createdAt',
        'dob',
        'familyName',
        'givenName',
        'id',
        'preferredName',
        'team',
        'viewerIsMember',
        'viewerMembership'
      ].sort()
    );
  });
});

describe('no bulk register (issue 14, hole 5)', () => {
  /** Every field of every object type, as `Type.field` with its output type. */
  function everyField(schema: GraphQLSchema) {
    return Object.values(schema.getTypeMap())
      .filter((type) => !type.name.startsWith('__'))
      .flatMap((type) =>
        isObjectType(type)
          ? Object.values(type.getFields()).map((field) => ({
              name: `${type.name}.${field.name}`,
              type: field.type
            }))
          : []
      );
  }
  function queryField(schema: GraphQLSchema, name: string) {
    const field = schema.getQueryType()?.getFields()[name];
    if (!field) throw new Error(`Query.${name} is missing`);
    return field;
  }

  it('has no root that lists or pages through clients: only search and the viewer’s own', async () => {
    const schema = await getSchema();
    const queries = fieldNames(schema, 'Query');
    for (const name of ['clients', 'clientsConnection', 'clientsAggregate']) {
      expect(queries).not.toContain(name);
    }
    // A list of Client (or a connection or aggregate of clients) anywhere in the schema is a way
    // to page through the register; the viewer's own clients are the one exception.
    const lists = everyField(schema)
      .filter(({ type }) => {
        const named = getNamedType(type).name;
        if (/^Client(s)?(Connection|Aggregate|Edge)/.test(named)) return true;
        return named === 'Client' && isListType(getNullableType(type));
      })
      .map(({ name }) => name);
    expect(lists).toEqual(['Query.myClients']);
    // Clients are otherwise found by search (capped hits, no paging) or opened one at a time.
    const client = queryField(schema, 'client');
    expect(isListType(getNullableType(client.type))).toBe(false);
    expect(client.args.map((a) => a.name)).toEqual(['id']);
    const search = queryField(schema, 'search');
    expect(search.args.map((a) => a.name).sort()).toEqual(['areas', 'limit', 'q', 'scope']);
  });
});

describe('the cost estimate', () => {
  it('knows every @limit(default:) in the type definitions', () => {
    const defaults: Record<string, number> = {};
    for (const definition of parse(typeDefs).definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      const limit = definition.directives?.find((d) => d.name.value === 'limit');
      const value = limit?.arguments?.find((a) => a.name.value === 'default')?.value;
      if (value?.kind === Kind.INT) defaults[definition.name.value] = Number(value.value);
    }
    expect(defaults).toEqual(LIST_SIZE_BY_TYPE);
  });
});

describe('includeCypher', () => {
  it('inlines a named file as a block string', () => {
    expect(
      includeCypher('f: X @cypher(statement: "#include a.cypher")', {
        'a.cypher': 'RETURN 1 AS x\n'
      })
    ).toBe('f: X @cypher(statement: """\nRETURN 1 AS x\n""")');
  });

  it('refuses unknown files and text that would end the block string', () => {
    expect(() => includeCypher('"#include nope.cypher"', {})).toThrow(/unknown Cypher file/);
    expect(() => includeCypher('"#include a.cypher"', { 'a.cypher': 'RETURN """' })).toThrow(/"""/);
  });
});
