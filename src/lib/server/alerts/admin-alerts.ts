/**
 * Alerts for admins (ADMIN_ALERT_KINDS): the same outbox -> fan-out -> email pipeline as team
 * alerts, but the recipients are every active admin with an email address (never the actor), and
 * always at once. One Notification per admin (id = event + admin, as for team alerts), so a retried
 * fan-out or email job creates and sends nothing twice.
 *
 * The email names the practitioner (admins may see the phone book and access reports) and links to
 * their access report; it carries no client details (DESIGN.md rule 6).
 */
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import type { AdminAlertKind } from './kinds.ts';
import { isAdminAlertKind } from './kinds.ts';
import { recordDirectNotifications } from './direct-notifications.ts';

const READ_ADMINS = `
MATCH (p:Practitioner)
WHERE 'admin' IN coalesce(p.roles, []) AND coalesce(p.status, 'ACTIVE') = 'ACTIVE'
  AND coalesce(p.email, '') <> '' AND p.id <> coalesce($actorId, '')
RETURN p.id AS id ORDER BY id`;

/** Inside fan-out's transaction: the admins' notifications; returns those still to send. */
export async function fanOutToAdmins(
  tx: ManagedTransaction,
  eventId: string,
  actorId: string | null
): Promise<string[]> {
  const admins = await tx.run(READ_ADMINS, { actorId });
  return recordDirectNotifications(
    tx,
    eventId,
    admins.records.map((r) => r.get('id') as string)
  );
}

export interface AdminAlertModel {
  kind: AdminAlertKind;
  /** "Sam Taylor (Riverside Police)". */
  practitioner: string;
  limit: number | null;
  reportUrl: string;
}

export interface LoadedAdminAlert {
  id: string;
  status: string;
  recipientId: string;
  recipientEmail: string | null;
  /** The recipient is still an active admin with an address. */
  deliverable: boolean;
  model: AdminAlertModel;
}

const LOAD = `
MATCH (n:Notification {id: $id})
MATCH (e:Event {id: n.eventId})
OPTIONAL MATCH (r:Practitioner {id: n.recipientId})
OPTIONAL MATCH (actor:Practitioner {id: e.actorId})
OPTIONAL MATCH (actor)-[:WORKS_AT]->(a:Agency)
RETURN n.id AS id, n.status AS status, n.recipientId AS recipientId, e.type AS type,
  e.data AS data, e.actorId AS actorId, r.email AS email,
  r IS NOT NULL AND coalesce(r.status, 'ACTIVE') = 'ACTIVE' AND 'admin' IN coalesce(r.roles, [])
    AS admin,
  actor.name AS actorName, head(collect(a.name)) AS agencyName`;

/** The notification, when it is an admin alert (null for team alerts and unknown ids). */
export async function loadAdminAlert(
  driver: Driver,
  database: string,
  publicUrl: string,
  id: string
): Promise<LoadedAdminAlert | null> {
  const { records } = await driver.executeQuery(LOAD, { id }, { database, routing: 'READ' });
  const r = records[0];
  const type: unknown = r?.get('type');
  if (!r || !isAdminAlertKind(type)) return null;
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(String(r.get('data') ?? '{}')) as Record<string, unknown>;
  } catch {
    data = {};
  }
  const name = (r.get('actorName') as string | null) ?? 'A practitioner';
  const agency = r.get('agencyName') as string | null;
  const actorId = (r.get('actorId') as string | null) ?? '';
  const email = r.get('email') as string | null;
  return {
    id: r.get('id') as string,
    status: r.get('status') as string,
    recipientId: r.get('recipientId') as string,
    recipientEmail: email,
    deliverable: Boolean(email) && Boolean(r.get('admin')),
    model: {
      kind: type,
      practitioner: agency ? `${name} (${agency})` : name,
      limit: typeof data.limit === 'number' ? data.limit : null,
      reportUrl: `${publicUrl}/admin/access?user=${encodeURIComponent(actorId)}`
    }
  };
}
