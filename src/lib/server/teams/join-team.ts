/**
 * joinTeam: a practitioner joins a client's team, self-service, with a recorded reason (DESIGN.md
 * rule 2). Members of a sensitive service may join as restricted (rule 3): the team then sees only
 * "a restricted service is involved", and nothing others can see changes (not their areas).
 *
 * One write transaction checks and changes everything, and writes the `team.joined` outbox Event
 * with it; after commit the event is published to the events queue. If publishing fails the join
 * still stands: the outbox sweeper publishes the event later.
 */
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { publishEvents } from '../../../../workers/outbox.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { getEventsQueue } from '../queues.ts';
import { forgetViewerTiers } from '../search/search-cache.ts';

export const REASON_MAX_LENGTH = 200;

export interface JoinTeamInput {
  viewerId: string;
  clientId: string;
  reason: string;
  restricted?: boolean;
}

export type JoinTeamErrorCode =
  | 'INVALID_REASON'
  | 'NOT_FOUND'
  | 'INACTIVE'
  | 'ALREADY_MEMBER'
  | 'RESTRICTED_NOT_ALLOWED'
  | 'RESTRICTED_NOT_VERIFIED';

export type JoinTeamResult =
  | { ok: true; clientId: string; eventId: string; restricted: boolean }
  | { ok: false; clientId: string; code: JoinTeamErrorCode; message: string };

const MESSAGES: Record<JoinTeamErrorCode, string> = {
  INVALID_REASON: `Say briefly why you are joining (up to ${REASON_MAX_LENGTH} characters).`,
  NOT_FOUND: 'There is no such client.',
  INACTIVE: 'Your account is not active, so you cannot join a team.',
  ALREADY_MEMBER: 'You are already on this team.',
  RESTRICTED_NOT_ALLOWED:
    'Only members of a sensitive service (domestic violence, sexual health, drug and alcohol) can join as restricted.',
  RESTRICTED_NOT_VERIFIED:
    'Your membership of that sensitive service has not been verified yet, so you cannot join as restricted. An admin or a verified member of the service must approve it first; until then you can join under your own name.'
};

/** The reason as stored: trimmed, single-spaced, no control characters; null when unusable. */
export function cleanReason(reason: unknown): string | null {
  if (typeof reason !== 'string') return null;
  const clean = reason
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length === 0 || clean.length > REASON_MAX_LENGTH) return null;
  return clean;
}

// Takes the client's write lock first, so two joins by the same person cannot both pass the
// "not already a member" check; SET then REMOVE leaves nothing behind.
const LOCK_AND_CHECK = `
OPTIONAL MATCH (c:Client {id: $clientId})
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | SET c.joinLock = true REMOVE c.joinLock)
WITH c
OPTIONAL MATCH (p:Practitioner {id: $viewerId})
RETURN c IS NOT NULL AS clientExists,
  coalesce(p.status, 'MISSING') AS status,
  // WORKS_AT a sensitive agency exists only once that membership is verified (a claim waits as a
  // PENDING AgencyVerification: accounts/agency-verification.service.ts).
  EXISTS { MATCH (p)-[:WORKS_AT]->(a:Agency) WHERE a.sensitive = true } AS sensitive,
  EXISTS { MATCH (v:AgencyVerification {practitionerId: p.id}) WHERE v.status = 'PENDING' } AS unverified,
  c IS NOT NULL AND p IS NOT NULL
    AND EXISTS { MATCH (p)-[m:MEMBER_OF]->(c) WHERE m.until IS NULL } AS member`;

// The practitioner's areas grow with their clients' (COVERS source AUTO); MERGE keeps one per area.
// Not for a restricted join: areas are public in the phone book, and a sensitive service's worker
// gaining the council of a client would tell others where, and with whom, they work (rule 3).
// The area is found by its indexed code: never by walking the dense council node.
const JOIN = `
MATCH (p:Practitioner {id: $viewerId})
MATCH (c:Client {id: $clientId})
CREATE (p)-[:MEMBER_OF {since: datetime(), until: null, reason: $reason, restricted: $restricted,
  lead: false, lastConfirmedAt: datetime()}]->(c)
WITH p, c
CALL (p, c) {
  MATCH (area:Area {code: c.councilCode})
  WHERE NOT $restricted
  MERGE (p)-[:COVERS {source: 'AUTO'}]->(area)
}
CREATE (:Event {id: $eventId, type: 'team.joined', actorId: p.id, clientId: c.id, subjectId: p.id,
  data: $data, createdAt: datetime(), publishedAt: null, outbox: true})
RETURN c.id AS clientId`;

type TxOutcome = { ok: true; eventId: string } | { ok: false; code: JoinTeamErrorCode };

async function joinInTx(
  tx: ManagedTransaction,
  input: { viewerId: string; clientId: string; reason: string; restricted: boolean }
): Promise<TxOutcome> {
  const { records } = await tx.run(LOCK_AND_CHECK, input);
  const row = records[0];
  if (!row || !row.get('clientExists')) return { ok: false, code: 'NOT_FOUND' };
  if (row.get('status') !== 'ACTIVE') return { ok: false, code: 'INACTIVE' };
  if (row.get('member')) return { ok: false, code: 'ALREADY_MEMBER' };
  if (input.restricted && !row.get('sensitive')) {
    return {
      ok: false,
      code: row.get('unverified') ? 'RESTRICTED_NOT_VERIFIED' : 'RESTRICTED_NOT_ALLOWED'
    };
  }
  const eventId = randomUUID();
  // Ids and flags only: the reason is free text and stays on the membership.
  const data = JSON.stringify({ restricted: input.restricted });
  await tx.run(JOIN, { ...input, eventId, data });
  return { ok: true, eventId };
}

export async function joinTeam(
  input: JoinTeamInput,
  driver: Driver = getDriver(),
  db: string = database(),
  /** Where outbox events go after commit (tests pass a failing one). */
  events: () => Queue = getEventsQueue
): Promise<JoinTeamResult> {
  const clientId = String(input.clientId ?? '');
  const reason = cleanReason(input.reason);
  if (!reason)
    return { ok: false, clientId, code: 'INVALID_REASON', message: MESSAGES.INVALID_REASON };
  if (!clientId || clientId.length > 100) {
    return { ok: false, clientId, code: 'NOT_FOUND', message: MESSAGES.NOT_FOUND };
  }
  const restricted = input.restricted === true;

  const session = driver.session({ database: db, defaultAccessMode: 'WRITE' });
  let outcome: TxOutcome;
  try {
    outcome = await session.executeWrite(
      (tx) => joinInTx(tx, { viewerId: input.viewerId, clientId, reason, restricted }),
      { metadata: { app: 'teamaround-command', command: 'joinTeam', actor: input.viewerId } }
    );
  } finally {
    await session.close();
  }
  // Joining may have added to the practitioner's areas (COVERS AUTO): search ranks by them.
  forgetViewerTiers(input.viewerId);
  if (!outcome.ok) {
    return { ok: false, clientId, code: outcome.code, message: MESSAGES[outcome.code] };
  }

  try {
    await publishEvents(driver, db, events(), [outcome.eventId]);
  } catch (error) {
    // Committed already: the sweeper (workers/main.ts) publishes unpublished events later.
    console.error(
      `[joinTeam] publishing event ${outcome.eventId} failed; the outbox sweeper will retry:`,
      error instanceof Error ? error.message : error
    );
  }
  return { ok: true, clientId, eventId: outcome.eventId, restricted };
}
