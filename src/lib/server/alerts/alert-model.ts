/**
 * What an alert email may say, read from the graph and already masked (DESIGN.md rules 3, 4, 6):
 * the client only as first name + family initial and a link; a restricted member only as "a
 * restricted service"; never an address, an attention's message or anything else about the client.
 * Templates receive this model and nothing else, so they cannot leak what they are not given.
 */
import type { Driver } from 'neo4j-driver';
import { isAlertKind, type AlertKind } from './kinds.ts';

export const RESTRICTED_SERVICE = 'a restricted service';

export interface AlertEmailModel {
  kind: AlertKind;
  /** "Alex B." */
  clientLabel: string;
  clientUrl: string;
  /** "Sam Taylor (Riverside Police)", "a restricted service", or null (the system did it). */
  actor: string | null;
  priority: 'NORMAL' | 'URGENT' | null;
  /** The other person an alert is about (the new lead, the member whose membership is stale). */
  subject: string | null;
  /** membership.stale only: the recipient is the member asked to confirm. */
  recipientIsSubject: boolean;
  /**
   * team.joined only: the reason the member gave on joining (the join form promises the team
   * sees it). Their own words, not client details; never for a restricted member's join.
   */
  reason?: string | null;
  /**
   * team.contact.requested only: how to reach the asker, who chose to send it to the team's
   * restricted members (and only they receive this kind).
   */
  contact?: {
    name: string;
    agency: string | null;
    phone: string | null;
    email: string | null;
  } | null;
}

export interface LoadedNotification {
  id: string;
  status: string;
  mode: string;
  recipientId: string;
  recipientEmail: string | null;
  /** Suspended, left the team since, or no longer has an address: nothing is sent. */
  deliverable: boolean;
  model: AlertEmailModel | null;
}

/** First name and family initial: enough for a team member to recognise the alert. */
export function clientLabel(givenName: string | null, familyName: string | null): string {
  const first = (givenName ?? '').trim() || 'Client';
  const initial = Array.from((familyName ?? '').trim())[0];
  return initial ? `${first} ${initial.toUpperCase()}.` : first;
}

function person(name: unknown, agency: unknown, restricted: unknown): string | null {
  if (restricted === true) return RESTRICTED_SERVICE;
  if (typeof name !== 'string' || name === '') return null;
  return typeof agency === 'string' && agency !== '' ? `${name} (${agency})` : name;
}

const LOAD = `
UNWIND $ids AS nid
MATCH (n:Notification {id: nid})
OPTIONAL MATCH (e:Event {id: n.eventId})
OPTIONAL MATCH (r:Practitioner {id: n.recipientId})
OPTIONAL MATCH (c:Client {id: e.clientId})
OPTIONAL MATCH (actor:Practitioner {id: e.actorId})
OPTIONAL MATCH (actor)-[:WORKS_AT]->(aa:Agency)
OPTIONAL MATCH (at:Attention {id: e.subjectId})
OPTIONAL MATCH (subj:Practitioner {id: e.subjectId})
OPTIONAL MATCH (subj)-[:WORKS_AT]->(sa:Agency)
WITH n, e, r, c, actor, subj, at, head(collect(DISTINCT aa.name)) AS actorAgency,
     head(collect(DISTINCT sa.name)) AS subjectAgency
RETURN n.id AS id, n.status AS status, n.mode AS mode, n.recipientId AS recipientId,
  r.email AS email, coalesce(r.status, 'ACTIVE') = 'ACTIVE' AS active,
  c IS NOT NULL AND r IS NOT NULL
    AND EXISTS { MATCH (r)-[m:MEMBER_OF]->(c) WHERE m.until IS NULL } AS member,
  e.type AS type, c.id AS clientId, c.givenName AS givenName, c.familyName AS familyName,
  actor.name AS actorName, actorAgency, actor.phone AS actorPhone, actor.email AS actorEmail,
  // The reason of the join this event records: the actor's latest membership, unless restricted.
  CASE WHEN e.type = 'team.joined' AND actor IS NOT NULL AND c IS NOT NULL THEN head(COLLECT {
    MATCH (actor)-[jm:MEMBER_OF]->(c)
    WITH jm ORDER BY jm.since DESC
    RETURN CASE WHEN coalesce(jm.restricted, false) THEN null ELSE jm.reason END
  }) END AS joinReason,
  CASE WHEN actor IS NULL OR c IS NULL THEN false
       ELSE EXISTS { MATCH (actor)-[am:MEMBER_OF]->(c) WHERE am.restricted } END AS actorRestricted,
  at.priority AS priority,
  subj.id AS subjectId, subj.name AS subjectName, subjectAgency,
  CASE WHEN subj IS NULL OR c IS NULL THEN false
       ELSE EXISTS { MATCH (subj)-[sm:MEMBER_OF]->(c) WHERE sm.restricted } END AS subjectRestricted`;

export async function loadNotifications(
  driver: Driver,
  database: string,
  publicUrl: string,
  ids: string[]
): Promise<Map<string, LoadedNotification>> {
  const { records } = await driver.executeQuery(LOAD, { ids }, { database, routing: 'READ' });
  const loaded = new Map<string, LoadedNotification>();
  for (const r of records) {
    const type: unknown = r.get('type');
    const clientId = r.get('clientId') as string | null;
    const email = r.get('email') as string | null;
    const recipientId = r.get('recipientId') as string;
    const priority: unknown = r.get('priority');
    const model: AlertEmailModel | null =
      isAlertKind(type) && clientId
        ? {
            kind: type,
            clientLabel: clientLabel(
              r.get('givenName') as string | null,
              r.get('familyName') as string | null
            ),
            clientUrl: `${publicUrl}/clients/${encodeURIComponent(clientId)}`,
            actor: person(
              r.get('actorName'),
              r.get('actorAgency'),
              // The asker of a contact request chose to be named to its (restricted) recipients.
              type === 'team.contact.requested' ? false : r.get('actorRestricted')
            ),
            priority: priority === 'URGENT' || priority === 'NORMAL' ? priority : null,
            subject: person(
              r.get('subjectName'),
              r.get('subjectAgency'),
              r.get('subjectRestricted')
            ),
            recipientIsSubject: r.get('subjectId') === recipientId,
            reason: r.get('actorRestricted') ? null : (r.get('joinReason') as string | null),
            contact:
              type === 'team.contact.requested' && typeof r.get('actorName') === 'string'
                ? {
                    name: r.get('actorName') as string,
                    agency: r.get('actorAgency') as string | null,
                    phone: r.get('actorPhone') as string | null,
                    email: r.get('actorEmail') as string | null
                  }
                : null
          }
        : null;
    loaded.set(r.get('id') as string, {
      id: r.get('id') as string,
      status: r.get('status') as string,
      mode: r.get('mode') as string,
      recipientId,
      recipientEmail: email,
      deliverable:
        Boolean(email) &&
        (r.get('active') as boolean) &&
        (r.get('member') as boolean) &&
        model !== null,
      model
    });
  }
  return loaded;
}
