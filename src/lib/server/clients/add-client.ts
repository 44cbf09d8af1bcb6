/**
 * addClient: a practitioner adds a client that search did not find, and becomes the first member
 * and lead professional of the client's team. Only the minimum that identifies a person is taken
 * (DESIGN.md rule 1): names, aliases, date of birth and council area, checked by the client input
 * rule that updateClient shares (client-input.ts).
 *
 * Before creating, likely duplicates are looked for (duplicates.ts) and returned instead, so the
 * practitioner can join the existing team; `confirmNew` says they have seen them and it is
 * someone else. The check, the Client, LIVES_IN, MEMBER_OF and the `client.added` outbox Event are
 * one transaction; the event is published after commit (or later by the outbox sweeper).
 */
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Driver } from 'neo4j-driver';
import { publishEvents } from '../../../../workers/outbox.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { getEventsQueue } from '../queues.ts';
import { validateNewClient, type ClientField, type ClientFieldErrors } from './client-input.ts';
import { findDuplicatesInTx, type DuplicateCandidate } from './duplicates.ts';
import { forgetViewerTiers } from '../search/search-cache.ts';

export interface AddClientInput {
  viewerId: string;
  givenName: string;
  familyName: string;
  preferredName?: string | null;
  /** A list, or one comma-separated string as typed into the form. */
  aliases?: readonly string[] | string | null;
  /** `2015-03-12` (a date input) or `12/03/2015`. */
  dob: string;
  /** A council area's code (or its exact name). */
  councilCode: string;
  /** The practitioner saw the likely duplicates and says this is someone else. */
  confirmNew?: boolean;
}

/** The fields a refusal can name: those of the client input rule. */
export type AddClientField = ClientField;

export type AddClientResult =
  | { ok: true; clientId: string; eventId: string }
  | { ok: false; code: 'INVALID'; message: string; fieldErrors: ClientFieldErrors }
  | {
      ok: false;
      code: 'POSSIBLE_DUPLICATES';
      message: string;
      candidates: DuplicateCandidate[];
    }
  | { ok: false; code: 'INACTIVE'; message: string };

const CHECK = `
OPTIONAL MATCH (p:Practitioner {id: $viewerId})
CALL () {
  OPTIONAL MATCH (a:Area)
  WHERE a.code = $council OR (a.level = 'COUNCIL' AND toLower(a.name) = toLower($council))
  RETURN collect(DISTINCT CASE WHEN a.level = 'COUNCIL' THEN a.code END) AS councils
}
RETURN coalesce(p.status, 'MISSING') AS status, councils`;

// The council area is found by its indexed code, never by walking it (it is a dense node).
const CREATE = `
MATCH (p:Practitioner {id: $viewerId})
MATCH (area:Area {code: $client.councilCode})
CREATE (c:Client {id: $clientId, givenName: $client.givenName, familyName: $client.familyName,
  preferredName: $client.preferredName, aliases: $client.aliases, aliasesText: $aliasesText,
  dob: date($client.dob), councilCode: area.code, createdAt: datetime()})
CREATE (c)-[:LIVES_IN]->(area)
CREATE (p)-[:MEMBER_OF {since: datetime(), until: null, reason: $reason, restricted: false,
  lead: true, leadSince: datetime(), leadVia: 'added', lastConfirmedAt: datetime()}]->(c)
MERGE (p)-[:COVERS {source: 'AUTO'}]->(area)
CREATE (:Event {id: $eventId, type: 'client.added', actorId: p.id, clientId: c.id, subjectId: c.id,
  data: $data, createdAt: datetime(), publishedAt: null, outbox: true})
RETURN c.id AS clientId`;

type TxOutcome =
  | { ok: true; clientId: string; eventId: string }
  | { ok: false; code: 'INACTIVE' }
  | { ok: false; code: 'UNKNOWN_COUNCIL' | 'AMBIGUOUS_COUNCIL' }
  | { ok: false; code: 'POSSIBLE_DUPLICATES'; candidates: DuplicateCandidate[] };

export async function addClient(
  input: AddClientInput,
  driver: Driver = getDriver(),
  db: string = database(),
  /** Where outbox events go after commit (tests pass a failing one). */
  events: () => Queue = getEventsQueue
): Promise<AddClientResult> {
  const valid = validateNewClient(input);
  if (!valid.ok) {
    return {
      ok: false,
      code: 'INVALID',
      message: 'Some details need correcting.',
      fieldErrors: valid.fieldErrors
    };
  }
  const client = valid.value;

  const session = driver.session({ database: db, defaultAccessMode: 'WRITE' });
  let outcome: TxOutcome;
  try {
    outcome = await session.executeWrite(
      async (tx): Promise<TxOutcome> => {
        const { records } = await tx.run(CHECK, {
          viewerId: input.viewerId,
          council: client.councilCode
        });
        const status = records[0]?.get('status') as string | undefined;
        const councils = (records[0]?.get('councils') as string[] | undefined) ?? [];
        if (status !== 'ACTIVE') return { ok: false, code: 'INACTIVE' };
        if (councils.length === 0) return { ok: false, code: 'UNKNOWN_COUNCIL' };
        if (councils.length > 1) return { ok: false, code: 'AMBIGUOUS_COUNCIL' };
        const councilCode = councils[0] as string;
        if (!input.confirmNew) {
          const candidates = await findDuplicatesInTx(tx, {
            viewerId: input.viewerId,
            ...client,
            councilCode
          });
          if (candidates.length > 0) return { ok: false, code: 'POSSIBLE_DUPLICATES', candidates };
        }
        const clientId = randomUUID();
        const eventId = randomUUID();
        await tx.run(CREATE, {
          viewerId: input.viewerId,
          client: { ...client, councilCode },
          aliasesText: client.aliases.join(' '),
          clientId,
          eventId,
          reason: 'Added the client to Teamaround',
          // Ids and codes only: names stay on the client.
          data: JSON.stringify({ councilCode, confirmedNotDuplicate: input.confirmNew === true })
        });
        return { ok: true, clientId, eventId };
      },
      { metadata: { app: 'teamaround-command', command: 'addClient', actor: input.viewerId } }
    );
  } finally {
    await session.close();
  }
  // Adding a client may have added to the practitioner's areas (COVERS AUTO): search ranks by them.
  forgetViewerTiers(input.viewerId);

  if (!outcome.ok) {
    switch (outcome.code) {
      case 'INACTIVE':
        return {
          ok: false,
          code: 'INACTIVE',
          message: 'Your account is not active, so you cannot add clients.'
        };
      case 'POSSIBLE_DUPLICATES':
        return {
          ok: false,
          code: 'POSSIBLE_DUPLICATES',
          message: 'Someone like this is already known. Is this them?',
          candidates: outcome.candidates
        };
      default:
        return {
          ok: false,
          code: 'INVALID',
          message: 'Some details need correcting.',
          fieldErrors: {
            councilCode:
              outcome.code === 'UNKNOWN_COUNCIL'
                ? 'That council area is not known: choose one from the list or give its code.'
                : 'More than one council area has that name: give its code instead.'
          }
        };
    }
  }

  try {
    await publishEvents(driver, db, events(), [outcome.eventId]);
  } catch (error) {
    console.error(
      `[addClient] publishing event ${outcome.eventId} failed; the outbox sweeper will retry:`,
      error instanceof Error ? error.message : error
    );
  }
  return { ok: true, clientId: outcome.clientId, eventId: outcome.eventId };
}
