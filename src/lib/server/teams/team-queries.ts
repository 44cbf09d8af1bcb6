/**
 * Reads behind the team pages that the generated Client fields do not answer, each a named Cypher
 * file in cypher/queries/ that checks current membership itself (an empty answer otherwise).
 * Served to pages and API callers alike through the GraphQL queries in graph/commands/team.graphql
 * and circle.graphql.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { database, getDriver } from '../db/neo4j.ts';

const cache = new Map<string, string>();

function query(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.resolve(process.cwd(), 'cypher/queries', name), 'utf8');
    cache.set(name, text);
  }
  return text;
}

async function read<T>(
  name: string,
  column: string,
  params: Record<string, unknown>
): Promise<T[]> {
  const { records } = await getDriver().executeQuery(query(name), params, {
    database: database(),
    routing: 'READ'
  });
  return records.map((r) => r.get(column) as T);
}

const bound = (limit: number | null | undefined, fallback: number, max: number) =>
  Math.max(1, Math.min(max, Math.trunc(limit ?? fallback)));

export interface TimelineEntry {
  kind: string;
  at: string | null;
  actorMasked: boolean;
  actorName: string | null;
  actorAgency: string | null;
  actorIsViewer: boolean;
  subjectName: string | null;
  detail: string | null;
}

export function clientTimeline(
  viewerId: string,
  clientId: string,
  limit?: number | null
): Promise<TimelineEntry[]> {
  return read('client-timeline.cypher', 'entry', {
    viewerId,
    clientId,
    limit: bound(limit, 100, 200)
  });
}

export interface CircleCandidate {
  clientId: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dob: string | null;
}

export function circleCandidates(viewerId: string, clientId: string): Promise<CircleCandidate[]> {
  return read('client-circle-candidates.cypher', 'candidate', { viewerId, clientId });
}

export interface MeetingCandidate {
  key: string;
  teamClientId: string;
  teamGivenName: string;
  teamFamilyName: string;
  relationship: string | null;
  masked: boolean;
  lead: boolean;
  isViewer: boolean;
  name: string | null;
  jobTitle: string | null;
  phone: string | null;
  email: string | null;
  agencyName: string | null;
  dutyPhone: string | null;
}

export function meetingCandidates(viewerId: string, clientId: string): Promise<MeetingCandidate[]> {
  return read('client-meeting-candidates.cypher', 'candidate', { viewerId, clientId });
}

export interface MyClientCard {
  clientId: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dob: string | null;
  councilName: string | null;
  teamSize: number;
  openAttentions: number;
  latestKind: string | null;
  latestAt: string | null;
}

export function myClientCards(viewerId: string, limit?: number | null): Promise<MyClientCard[]> {
  return read('my-client-cards.cypher', 'client', { viewerId, limit: bound(limit, 100, 200) });
}
