/**
 * Access reports for local leads and admins (DESIGN.md rule 5): who viewed a client's team,
 * circle or graph or emailed their team, and what a practitioner viewed. A lead sees clients
 * whose council is within their areas and practitioners in their areas (lead-scope.ts). Every
 * report viewed, and every refusal, is itself audited.
 */
import { database, getDriver } from '../db/neo4j.ts';
import { audit } from './audit.ts';
import { toCsv } from './csv.ts';
import {
  isAdmin,
  leadScope,
  PRACTITIONER_IN_SCOPE,
  scopeParams,
  type Actor,
  type Scope
} from '../accounts/lead-scope.ts';

export const VIEW_TYPES = [
  'team.viewed',
  'circle.viewed',
  'graph.viewed',
  'address.viewed',
  'team.emailed'
];
export const REPORT_ROW_LIMIT = 2000;
/** Dates in a report's filter are days in the practitioners' time zone. */
const REPORT_TIME_ZONE = 'Australia/Sydney';

export interface AccessRow {
  at: string;
  type: string;
  practitionerId: string | null;
  practitionerName: string | null;
  practitionerEmail: string | null;
  agencyName: string | null;
  clientId: string | null;
  clientName: string | null;
}

export interface DateRange {
  /** YYYY-MM-DD, inclusive. */
  from?: string | null;
  to?: string | null;
}

export type ReportSubject =
  | { kind: 'client'; id: string; name: string; councilCode: string | null }
  | { kind: 'user'; id: string; name: string; email: string };

export type ReportResult =
  | { ok: true; subject: ReportSubject; rows: AccessRow[]; truncated: boolean }
  | { ok: false; reason: 'forbidden' | 'not-found' | 'out-of-scope' };

export interface ReportContext {
  ip?: string | null;
  format?: 'html' | 'csv';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function rangeParams(range: DateRange) {
  const day = (value: string | null | undefined) =>
    value && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
  return { from: day(range.from), to: day(range.to), tz: REPORT_TIME_ZONE };
}

/**
 * Who may see a restricted member's activity (governance.md, "Restricted members' activity"):
 * admins, and leads who work at the same agency. For anyone else the rows of a practitioner
 * reading a client whose team they are (or were) on as a restricted member are left out, so a
 * restricted membership changes nothing another lead can see (DESIGN.md rule 3). `e` is the audit
 * record, `$viewerId`/`$admin` the report's reader.
 */
const RESTRICTED_ROW_VISIBLE = `($admin OR NOT EXISTS {
    MATCH (:Practitioner {id: e.actorId})-[rm:MEMBER_OF]->(:Client {id: e.clientId})
    WHERE rm.restricted
  } OR EXISTS {
    MATCH (:Practitioner {id: e.actorId})-[:WORKS_AT]->(:Agency)<-[:WORKS_AT]-(:Practitioner {id: $viewerId})
  })`;

const readerParams = (actor: Actor) => ({ viewerId: actor.id, admin: isAdmin(actor) });

const IN_RANGE = `($from IS NULL OR e.createdAt >= datetime({date: date($from), timezone: $tz}))
  AND ($to IS NULL OR e.createdAt < datetime({date: date($to) + duration({days: 1}), timezone: $tz}))`;

function toRow(r: { get(key: string): unknown }): AccessRow {
  return {
    // Neo4j drops trailing zeros from the milliseconds ("…44.45Z"), so its text
    // does not sort as time; a fixed-width ISO string does, in the page and the CSV.
    at: new Date(r.get('at') as string).toISOString(),
    type: r.get('type') as string,
    practitionerId: r.get('practitionerId') as string | null,
    practitionerName: r.get('practitionerName') as string | null,
    practitionerEmail: r.get('practitionerEmail') as string | null,
    agencyName: r.get('agencyName') as string | null,
    clientId: r.get('clientId') as string | null,
    clientName: r.get('clientName') as string | null
  };
}

async function refuse(
  actor: Actor,
  reason: 'forbidden' | 'out-of-scope',
  context: ReportContext,
  subjectId: string | null
): Promise<ReportResult> {
  await audit({
    type: 'access.denied',
    actorId: actor.id,
    subjectId,
    ip: context.ip ?? null,
    data: { what: 'access-report', reason }
  });
  return { ok: false, reason };
}

/** Leads and admins may open the reports page at all; everyone else is refused and audited. */
export async function reportScope(
  actor: Actor,
  context: ReportContext = {}
): Promise<Scope | null> {
  const scope = await leadScope(actor);
  if (!scope) await refuse(actor, 'forbidden', context, null);
  return scope;
}

export async function clientAccessReport(
  actor: Actor,
  clientId: string,
  range: DateRange = {},
  context: ReportContext = {}
): Promise<ReportResult> {
  const scope = await leadScope(actor);
  if (!scope) return refuse(actor, 'forbidden', context, clientId);
  const driver = getDriver();
  const found = await driver.executeQuery(
    `MATCH (c:Client {id: $clientId})
     RETURN c.id AS id, coalesce(c.preferredName, c.givenName) + ' ' + c.familyName AS name,
       c.councilCode AS councilCode`,
    { clientId },
    { database: database(), routing: 'READ' }
  );
  const client = found.records[0];
  if (!client) return { ok: false, reason: 'not-found' };
  const councilCode = client.get('councilCode') as string | null;
  if (!scope.all && (!councilCode || !scope.codes.includes(councilCode))) {
    return refuse(actor, 'out-of-scope', context, clientId);
  }
  const { records } = await driver.executeQuery(
    `MATCH (e:Event:Audit {clientId: $clientId})
     WHERE e.type IN $types AND ${IN_RANGE} AND ${RESTRICTED_ROW_VISIBLE}
     WITH e ORDER BY e.createdAt DESC LIMIT toInteger($limit)
     OPTIONAL MATCH (p:Practitioner {id: e.actorId})
     OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Agency)
     WITH e, p, head(collect(a.name)) AS agencyName
     RETURN toString(e.createdAt) AS at, e.type AS type, e.actorId AS practitionerId,
       p.name AS practitionerName, p.email AS practitionerEmail, agencyName,
       e.clientId AS clientId, $clientName AS clientName
     ORDER BY e.createdAt DESC`,
    {
      clientId,
      clientName: client.get('name') as string,
      types: VIEW_TYPES,
      limit: REPORT_ROW_LIMIT + 1,
      ...readerParams(actor),
      ...rangeParams(range)
    },
    { database: database(), routing: 'READ' }
  );
  await audit({
    type: 'report.viewed',
    actorId: actor.id,
    subjectId: clientId,
    ip: context.ip ?? null,
    data: { report: 'client-access', format: context.format ?? 'html' }
  });
  return {
    ok: true,
    subject: { kind: 'client', id: clientId, name: client.get('name') as string, councilCode },
    rows: records.slice(0, REPORT_ROW_LIMIT).map(toRow),
    truncated: records.length > REPORT_ROW_LIMIT
  };
}

/** `userRef` is a practitioner's id or email address. */
export async function userAccessReport(
  actor: Actor,
  userRef: string,
  range: DateRange = {},
  context: ReportContext = {}
): Promise<ReportResult> {
  const scope = await leadScope(actor);
  const ref = userRef.trim();
  if (!scope) return refuse(actor, 'forbidden', context, null);
  const driver = getDriver();
  const found = await driver.executeQuery(
    `MATCH (p:Practitioner)
     WHERE p.id = $ref OR p.email = $email
     WITH p LIMIT 1
     RETURN p.id AS id, p.name AS name, p.email AS email, ${PRACTITIONER_IN_SCOPE} AS inScope`,
    { ...scopeParams(scope), ref, email: ref.toLowerCase() },
    { database: database(), routing: 'READ' }
  );
  const user = found.records[0];
  if (!user) return { ok: false, reason: 'not-found' };
  const userId = user.get('id') as string;
  if (!user.get('inScope')) return refuse(actor, 'out-of-scope', context, userId);
  const { records } = await driver.executeQuery(
    `MATCH (e:Event:Audit {actorId: $userId})
     WHERE e.type IN $types AND ${IN_RANGE} AND ${RESTRICTED_ROW_VISIBLE}
     WITH e ORDER BY e.createdAt DESC LIMIT toInteger($limit)
     OPTIONAL MATCH (c:Client {id: e.clientId})
     OPTIONAL MATCH (:Practitioner {id: $userId})-[:WORKS_AT]->(a:Agency)
     WITH e, c, head(collect(a.name)) AS agencyName
     RETURN toString(e.createdAt) AS at, e.type AS type, e.actorId AS practitionerId,
       $name AS practitionerName, $email AS practitionerEmail, agencyName,
       e.clientId AS clientId,
       CASE WHEN c IS NULL THEN null
            ELSE coalesce(c.preferredName, c.givenName) + ' ' + c.familyName END AS clientName
     ORDER BY e.createdAt DESC`,
    {
      userId,
      name: user.get('name') as string,
      email: user.get('email') as string,
      types: VIEW_TYPES,
      limit: REPORT_ROW_LIMIT + 1,
      ...readerParams(actor),
      ...rangeParams(range)
    },
    { database: database(), routing: 'READ' }
  );
  await audit({
    type: 'report.viewed',
    actorId: actor.id,
    subjectId: userId,
    ip: context.ip ?? null,
    data: { report: 'user-access', format: context.format ?? 'html' }
  });
  return {
    ok: true,
    subject: {
      kind: 'user',
      id: userId,
      name: user.get('name') as string,
      email: user.get('email') as string
    },
    rows: records.slice(0, REPORT_ROW_LIMIT).map(toRow),
    truncated: records.length > REPORT_ROW_LIMIT
  };
}

export const ACCESS_CSV_HEADER = [
  'when (UTC)',
  'what',
  'practitioner',
  'email',
  'agency',
  'practitioner id',
  'client',
  'client id'
];

export function accessReportCsv(rows: AccessRow[]): string {
  return toCsv(
    ACCESS_CSV_HEADER,
    rows.map((r) => [
      r.at,
      r.type,
      r.practitionerName,
      r.practitionerEmail,
      r.agencyName,
      r.practitionerId,
      r.clientName,
      r.clientId
    ])
  );
}
