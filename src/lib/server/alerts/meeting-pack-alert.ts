/**
 * The meeting pack email ("Send to attendees", src/lib/server/meetings/send-pack.ts): one email to
 * each attendee the organiser chose, with the pack link. It goes through the same pipeline as
 * every alert (outbox Event -> fan-out -> one Notification and one `send-email` job per recipient,
 * Idempotency-Key = notification id), so it is retried and sent once.
 *
 * The recipients are the event's `attendeeIds`: the command already resolved the chosen keys,
 * including a team's masked `restricted-<teamClientId>` entry, to the people behind them, so a
 * restricted member is told without the organiser learning who they are. Like account alerts it
 * has no preference: a colleague asked for this person by name (or by their masked entry).
 *
 * The email names nobody: the client as first name + family initial, the organiser not at all (an
 * organiser may be restricted), and a link (DESIGN.md rules 3 and 6).
 */
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { clientLabel } from './alert-model.ts';
import type { MeetingAlertKind } from './kinds.ts';
import { recordDirectNotifications } from './direct-notifications.ts';

const RECIPIENTS = `
MATCH (e:Event {id: $eventId})
MATCH (p:Practitioner) WHERE p.id IN $attendeeIds AND p.id <> coalesce(e.actorId, '')
  AND coalesce(p.status, 'ACTIVE') = 'ACTIVE' AND coalesce(p.email, '') <> ''
RETURN p.id AS id`;

interface PackData {
  attendeeIds?: unknown;
  attendeeKeys?: unknown;
  start?: unknown;
  durationMinutes?: unknown;
}

function parseData(raw: unknown): PackData {
  if (typeof raw !== 'string') return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' ? (value as PackData) : {};
  } catch {
    return {};
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Fan-out for a meeting pack, inside fan-out's transaction: the notifications still to send. */
export async function fanOutMeetingPack(
  tx: ManagedTransaction,
  eventId: string,
  eventData: unknown
): Promise<string[]> {
  const attendeeIds = strings(parseData(eventData).attendeeIds);
  const found = await tx.run(RECIPIENTS, { eventId, attendeeIds });
  return recordDirectNotifications(
    tx,
    eventId,
    found.records.map((r) => r.get('id') as string)
  );
}

export interface MeetingPackModel {
  kind: MeetingAlertKind;
  recipientEmail: string;
  /** "Alex B." */
  clientLabel: string;
  /** The meeting's time in the recipient's time zone, when the organiser chose one. */
  when: string | null;
  /** The pack page with the organiser's choices (ids only). */
  url: string;
}

const LOAD = `
MATCH (n:Notification {id: $id}) WHERE n.kind IN $kinds
OPTIONAL MATCH (e:Event {id: n.eventId})
OPTIONAL MATCH (r:Practitioner {id: n.recipientId})
OPTIONAL MATCH (c:Client {id: n.clientId})
RETURN n.status AS status, n.kind AS kind, n.clientId AS clientId, r.email AS email,
  coalesce(r.status, 'ACTIVE') = 'ACTIVE' AS active, r.timeZone AS timeZone,
  c.givenName AS givenName, c.familyName AS familyName, e.data AS data`;

export type LoadedMeetingPack =
  { status: 'SENT' } | { status: 'UNDELIVERABLE' } | { status: 'PENDING'; model: MeetingPackModel };

function formatWhen(iso: string, timeZone: string | null): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat('en-AU', {
      ...options,
      timeZone: timeZone ?? 'Australia/Sydney'
    }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-AU', { ...options, timeZone: 'Australia/Sydney' }).format(
      date
    );
  }
}

/** The pack page URL with the meeting's choices, as the meeting page builds it. */
export function packUrl(publicUrl: string, clientId: string, data: PackData): string {
  const query = new URLSearchParams();
  const keys = strings(data.attendeeKeys);
  if (keys.length > 0) query.set('attendees', keys.join(','));
  if (typeof data.start === 'string') query.set('start', data.start);
  if (typeof data.durationMinutes === 'number') {
    query.set('durationMinutes', String(data.durationMinutes));
  }
  const search = query.toString();
  return `${publicUrl}/clients/${encodeURIComponent(clientId)}/meeting/pack${search ? `?${search}` : ''}`;
}

/** The notification as a meeting pack email, or null when it is another kind. */
export async function loadMeetingPackAlert(
  driver: Driver,
  database: string,
  publicUrl: string,
  kinds: readonly string[],
  id: string
): Promise<LoadedMeetingPack | null> {
  const { records } = await driver.executeQuery(LOAD, { id, kinds }, { database, routing: 'READ' });
  const r = records[0];
  if (!r) return null;
  if (r.get('status') === 'SENT') return { status: 'SENT' };
  const email = r.get('email') as string | null;
  const clientId = r.get('clientId') as string | null;
  const givenName = r.get('givenName') as string | null;
  if (!email || !clientId || !givenName || r.get('active') !== true) {
    return { status: 'UNDELIVERABLE' };
  }
  const data = parseData(r.get('data'));
  return {
    status: 'PENDING',
    model: {
      kind: r.get('kind') as MeetingAlertKind,
      recipientEmail: email,
      clientLabel: clientLabel(givenName, r.get('familyName') as string | null),
      when:
        typeof data.start === 'string'
          ? formatWhen(data.start, r.get('timeZone') as string | null)
          : null,
      url: packUrl(publicUrl, clientId, data)
    }
  };
}
