/**
 * What every team, circle, client and meeting command shares: one write transaction that checks
 * permission in its Cypher and writes the change together with its Event (the transactional
 * outbox, DESIGN.md "Architecture"), then publishes the outbox events after commit.
 */
import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { publishEvents } from '../../../../workers/outbox.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { getEventsQueue } from '../queues.ts';

export type CommandErrorCode = 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';

/** A refusal the caller can show: the message is written for the practitioner. */
export class CommandError extends Error {
  readonly code: CommandErrorCode;

  constructor(code: CommandErrorCode, message: string) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
  }
}

export type EventData = Record<string, string | number | boolean | null | string[]>;

/** An Event written by a command. `data` holds ids and codes only, never names or text. */
export interface CommandEvent {
  id: string;
  type: string;
  clientId: string | null;
  subjectId: string | null;
  data: EventData;
  /** true: the alerts pipeline turns it into emails; false: kept for the activity log only. */
  outbox: boolean;
}

export function commandEvent(
  type: string,
  clientId: string | null,
  subjectId: string | null,
  data: EventData = {},
  outbox = true
): CommandEvent {
  return { id: randomUUID(), type, clientId, subjectId, data, outbox };
}

const CREATE_EVENTS = `
UNWIND $events AS ev
CREATE (:Event {id: ev.id, type: ev.type, actorId: $actorId, clientId: ev.clientId,
  subjectId: ev.subjectId, data: ev.data, createdAt: datetime(), outbox: ev.outbox})`;

/** Writes the events inside the command's transaction. */
export async function writeEvents(
  tx: ManagedTransaction,
  actorId: string,
  events: CommandEvent[]
): Promise<void> {
  if (events.length === 0) return;
  await tx.run(CREATE_EVENTS, {
    actorId,
    events: events.map((e) => ({ ...e, data: JSON.stringify(e.data) }))
  });
}

export interface CommandOutcome<T> {
  result: T;
  events: CommandEvent[];
}

/**
 * Runs `work` in one write transaction, writes its events there, and publishes the outbox ones
 * once committed. A publishing failure is logged, not thrown: the change is done and the outbox
 * sweeper publishes the event later, so the practitioner must not be told it failed.
 */
export async function runCommand<T>(
  actorId: string,
  work: (tx: ManagedTransaction) => Promise<CommandOutcome<T>>
): Promise<T> {
  const driver = getDriver();
  const session = driver.session({ database: database(), defaultAccessMode: 'WRITE' });
  let outcome: CommandOutcome<T>;
  try {
    outcome = await session.executeWrite(
      async (tx) => {
        const done = await work(tx);
        await writeEvents(tx, actorId, done.events);
        return done;
      },
      { metadata: { app: 'teamaround-command', actor: actorId } }
    );
  } finally {
    await session.close();
  }
  const toPublish = outcome.events.filter((e) => e.outbox).map((e) => e.id);
  if (toPublish.length > 0) {
    try {
      await publishEvents(driver, database(), getEventsQueue(), toPublish);
    } catch (error) {
      console.error('[outbox] publishing after commit failed; the sweeper will retry', error);
    }
  }
  return outcome.result;
}

/** Cypher fragment: the viewer's current membership `vm` of client `c`. */
export const VIEWER_IS_MEMBER = `EXISTS {
  MATCH (:Practitioner {id: $viewerId})-[vm:MEMBER_OF]->(c) WHERE vm.until IS NULL
}`;

/** Refuses unless the viewer is a current member of the client; NOT_FOUND for an unknown id. */
export async function requireMembership(
  tx: ManagedTransaction,
  viewerId: string,
  clientId: string
): Promise<{ restricted: boolean; lead: boolean }> {
  const { records } = await tx.run(
    `OPTIONAL MATCH (c:Client {id: $clientId})
     OPTIONAL MATCH (:Practitioner {id: $viewerId})-[vm:MEMBER_OF]->(c) WHERE vm.until IS NULL
     RETURN c IS NOT NULL AS exists, vm IS NOT NULL AS member,
            coalesce(vm.restricted, false) AS restricted, coalesce(vm.lead, false) AS lead
     LIMIT 1`,
    { clientId, viewerId }
  );
  const row = records[0];
  if (!row || !row.get('exists')) throw new CommandError('NOT_FOUND', 'There is no such client.');
  if (!row.get('member')) {
    throw new CommandError('FORBIDDEN', 'Only members of the client’s team can do that.');
  }
  return { restricted: row.get('restricted') as boolean, lead: row.get('lead') as boolean };
}
