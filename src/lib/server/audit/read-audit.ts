/**
 * Every read of what only a client's team may see is recorded here, where GraphQL resolves it
 * (DESIGN.md rule 5): pages (which run their operations in-process), the graph explorer's own
 * expansions and API tokens all pass through the same fields, so they are recorded by the same
 * code. A read by someone who is not a current member is recorded as `access.denied`.
 *
 * How: the resolvers of the audited fields (below) are wrapped once to note "viewer read kind K of
 * client C" in the operation's context; when the response is about to be sent the notes are
 * written in one query, which decides view or refusal from the membership at that moment and skips
 * a note already recorded for the same viewer, client, kind and arguments within the last few minutes, so
 * the trail stays readable when a page is reloaded or the explorer expands node after node.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type ASTVisitor,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext
} from '../../../../graph/graphql-js.ts';
import { database, getDriver } from '../db/neo4j.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import type { AuditType } from './audit.ts';

/** What a read shows, as the audit type of a permitted read. */
export type ReadKind = Extract<
  AuditType,
  'team.viewed' | 'circle.viewed' | 'graph.viewed' | 'address.viewed'
>;

/** Fields of `Client` that only the team may see; the client is the parent object. */
export const AUDITED_CLIENT_FIELDS: Readonly<Record<string, ReadKind>> = {
  team: 'team.viewed',
  aliases: 'team.viewed',
  attentions: 'team.viewed',
  activity: 'team.viewed',
  circle: 'circle.viewed',
  address: 'address.viewed'
};

/** Root fields that read one client's team data; the client is the `clientId` argument. */
export const AUDITED_ROOT_FIELDS: Readonly<Record<string, ReadKind>> = {
  clientTimeline: 'team.viewed',
  leadAppointment: 'team.viewed',
  meetingCandidates: 'team.viewed',
  attentionBoard: 'team.viewed',
  circleCandidates: 'circle.viewed',
  neighbourhood: 'graph.viewed'
};

/** A second read of the same kind within this window is not recorded again. */
export const READ_DEDUP_SECONDS = 300;

export interface ClientRead {
  clientId: string;
  kind: ReadKind;
  /** Which field read it, kept in the record (`data.via`). */
  field: string;
  /** The read's numeric arguments (depth, limit): a deeper look is another look. */
  args?: Record<string, number>;
}

/** The reads noted during one operation, keyed by client and kind. */
export type ReadLog = Map<string, ClientRead>;

function note(context: GraphQLContext | undefined, read: ClientRead): void {
  context?.reads?.set(`${read.clientId}\u0000${read.kind}`, read);
}

const WRAPPED = Symbol('read-audit');

/**
 * Wraps the audited fields' resolvers so they note what they read. Idempotent: the schema is
 * shared by every server of the process.
 */
export function instrumentReadAudit(schema: GraphQLSchema): GraphQLSchema {
  const client = schema.getType('Client');
  if (isObjectType(client)) {
    for (const [name, kind] of Object.entries(AUDITED_CLIENT_FIELDS)) {
      const field = client.getFields()[name];
      if (!field || (field as { [WRAPPED]?: boolean })[WRAPPED]) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: GraphQLContext, info) => {
        const id = (source as { id?: unknown } | null)?.id;
        // The validation rule below makes every such selection carry `id`; fail closed if not.
        if (typeof id !== 'string') throw new GraphQLError(MISSING_ID, { extensions: BAD_INPUT });
        note(context, { clientId: id, kind, field: `Client.${name}` });
        return resolve(source, args, context, info);
      };
      (field as { [WRAPPED]?: boolean })[WRAPPED] = true;
    }
  }
  const query = schema.getQueryType();
  for (const [name, kind] of Object.entries(AUDITED_ROOT_FIELDS)) {
    const field = query?.getFields()[name];
    if (!field || (field as { [WRAPPED]?: boolean })[WRAPPED]) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args: Record<string, unknown>, context: GraphQLContext, info) => {
      if (typeof args.clientId === 'string') {
        const numeric = Object.entries(args).filter(([, v]) => typeof v === 'number');
        note(context, {
          clientId: args.clientId,
          kind,
          field: `Query.${name}`,
          args: Object.fromEntries(numeric) as Record<string, number>
        });
      }
      return resolve(source, args, context, info);
    };
    (field as { [WRAPPED]?: boolean })[WRAPPED] = true;
  }
  return schema;
}

const MISSING_ID =
  'Select the client’s `id` (without an alias) wherever you select its team, circle, address, aliases, attentions or activity: every such read is recorded against the client.';
const BAD_INPUT = { code: 'GRAPHQL_VALIDATION_FAILED' };

/** Field names selected directly in a selection set, through inline fragments and spreads. */
function selectedNames(
  context: ValidationContext,
  set: SelectionSetNode,
  seen = new Set<string>()
): { names: Set<string>; plainId: boolean } {
  const names = new Set<string>();
  let plainId = false;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      names.add(selection.name.value);
      if (selection.name.value === 'id' && (!selection.alias || selection.alias.value === 'id')) {
        plainId = true;
      }
    } else {
      let inner: SelectionSetNode | undefined;
      if (selection.kind === Kind.INLINE_FRAGMENT) inner = selection.selectionSet;
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        inner = context.getFragment(selection.name.value)?.selectionSet;
      }
      if (!inner) continue;
      const nested = selectedNames(context, inner, seen);
      nested.names.forEach((n) => names.add(n));
      plainId ||= nested.plainId;
    }
  }
  return { names, plainId };
}

/**
 * A validation rule: a selection of a Client that reads a team-only field must select `id`, so the
 * read can be recorded against the client. Fragments are checked where they are spread.
 */
export function clientIdForAuditedReads(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (!node.selectionSet) return;
      const type = context.getType();
      if (!type || getNamedType(type).name !== 'Client') return;
      const { names, plainId } = selectedNames(context, node.selectionSet);
      if (plainId) return;
      if ([...names].some((n) => n in AUDITED_CLIENT_FIELDS)) {
        context.reportError(new GraphQLError(MISSING_ID, { nodes: [node] }));
      }
    }
  };
}

const RECORD_READS = `
UNWIND $reads AS r
OPTIONAL MATCH (c:Client {id: r.clientId})
WITH r, c,
  c IS NOT NULL AND EXISTS {
    MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c) WHERE m.until IS NULL
  } AS member
WITH r, CASE WHEN member THEN r.kind ELSE 'access.denied' END AS auditType
WHERE NOT EXISTS {
  MATCH (e:Event:Audit {clientId: r.clientId})
  WHERE e.actorId = $viewerId AND e.type = auditType AND e.readKind = r.kind AND e.data = r.data
    AND e.createdAt > datetime() - duration({seconds: $window})
}
CREATE (:Event:Audit {id: randomUUID(), type: auditType, actorId: $viewerId,
  clientId: r.clientId, subjectId: null, ip: $ip, readKind: r.kind, data: r.data,
  createdAt: datetime(), outbox: false})`;

/** Writes the reads of one operation: a view for a current member, a refusal for anyone else. */
export async function recordReads(
  viewerId: string,
  reads: ClientRead[],
  ip: string | null
): Promise<void> {
  if (reads.length === 0) return;
  await getDriver().executeQuery(
    RECORD_READS,
    {
      viewerId,
      reads: reads.map((r) => ({
        clientId: r.clientId,
        kind: r.kind,
        data: JSON.stringify({ via: r.field, kind: r.kind, ...r.args })
      })),
      ip,
      window: READ_DEDUP_SECONDS
    },
    { database: database() }
  );
}

/**
 * Writes the operation's reads before the answer leaves, so no read is ever answered without its
 * record; a failure to record fails the request rather than letting an unrecorded read through.
 */
export function readAuditPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const reads = contextValue.reads;
          const viewer = contextValue.viewer;
          if (!viewer || !reads || reads.size === 0) return;
          try {
            await recordReads(viewer.id, [...reads.values()], contextValue.ip ?? null);
          } catch (error) {
            console.error('[audit] recording reads failed; the answer is withheld', error);
            if (response.body.kind === 'single') {
              response.body.singleResult.data = null;
              response.body.singleResult.errors = [
                { message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }
              ];
            }
          } finally {
            reads.clear();
          }
        }
      };
    }
  };
}
