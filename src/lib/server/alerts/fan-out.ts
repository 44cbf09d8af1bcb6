/**
 * Fan-out: reads an outbox event and its team, decides the recipients and records one
 * Notification per recipient (MERGE on `${eventId}.${recipientId}`, so a retried fan-out creates
 * nothing twice). Returns the ids of immediate notifications still to send; the worker turns each
 * into a `send-email` job with that id.
 */
import type { Driver } from 'neo4j-driver';
import { fanOutAccountAlert } from './account-alerts.ts';
import { fanOutToAdmins } from './admin-alerts.ts';
import { isAccountAlertKind, isAdminAlertKind, isAlertKind, isMeetingAlertKind } from './kinds.ts';
import { fanOutMeetingPack } from './meeting-pack-alert.ts';
import { notificationId } from './notification-id.ts';
import { parsePreferences } from './preferences.ts';
import { decideRecipients, type CandidateMember } from './recipients.ts';

const READ_EVENT = `
MATCH (e:Event {id: $eventId})
OPTIONAL MATCH (raiser:Practitioner)-[:RAISED]->(:Attention {id: e.subjectId})
RETURN e.type AS type, e.actorId AS actorId, e.clientId AS clientId, e.subjectId AS subjectId,
       raiser.id AS raiserId, e.data AS data`;

const READ_TEAM = `
MATCH (p:Practitioner)-[m:MEMBER_OF]->(:Client {id: $clientId})
WHERE m.until IS NULL
RETURN p.id AS id, coalesce(p.status, 'ACTIVE') = 'ACTIVE' AS active,
       coalesce(p.email, '') <> '' AS hasEmail, coalesce(m.lead, false) AS lead,
       coalesce(m.restricted, false) AS restricted, p.alertPrefs AS prefs`;

const RECORD = `
MATCH (e:Event {id: $eventId})
SET e.fannedOutAt = coalesce(e.fannedOutAt, datetime())
WITH e
UNWIND $recipients AS r
MERGE (n:Notification {id: r.id})
  ON CREATE SET n.eventId = e.id, n.recipientId = r.recipientId, n.mode = r.mode, n.kind = e.type,
    n.clientId = e.clientId, n.status = 'PENDING', n.createdAt = datetime()
RETURN n.id AS id, n.mode AS mode, n.status AS status`;

export interface FanOutResult {
  /** Immediate notifications not yet sent: one email job each. */
  immediate: string[];
  digest: number;
  skipped?: 'unknown-event' | 'not-an-alert';
}

export async function fanOut(
  driver: Driver,
  database: string,
  eventId: string
): Promise<FanOutResult> {
  const session = driver.session({ database });
  try {
    return await session.executeWrite(async (tx) => {
      const eventRecord = (await tx.run(READ_EVENT, { eventId })).records[0];
      if (!eventRecord) return { immediate: [], digest: 0, skipped: 'unknown-event' as const };
      const type: unknown = eventRecord.get('type');
      const clientId = eventRecord.get('clientId') as string | null;
      if (isAccountAlertKind(type)) {
        // No team: the recipients are the verification's deciders or its practitioner.
        return { immediate: await fanOutAccountAlert(tx, eventId, type), digest: 0 };
      }
      // Admin alerts (no client, no team): every active admin, at once (admin-alerts.ts).
      if (isAdminAlertKind(type)) {
        const actorId = eventRecord.get('actorId') as string | null;
        return { immediate: await fanOutToAdmins(tx, eventId, actorId), digest: 0 };
      }
      if (isMeetingAlertKind(type)) {
        // The organiser chose the recipients: they are in the event.
        return {
          immediate: await fanOutMeetingPack(tx, eventId, eventRecord.get('data')),
          digest: 0
        };
      }
      if (!isAlertKind(type) || !clientId) {
        await tx.run(
          'MATCH (e:Event {id: $eventId}) SET e.fannedOutAt = coalesce(e.fannedOutAt, datetime())',
          { eventId }
        );
        return { immediate: [], digest: 0, skipped: 'not-an-alert' as const };
      }
      const team = await tx.run(READ_TEAM, { clientId });
      const members: CandidateMember[] = team.records.map((r) => ({
        id: r.get('id') as string,
        active: r.get('active') as boolean,
        hasEmail: r.get('hasEmail') as boolean,
        lead: r.get('lead') as boolean,
        restricted: r.get('restricted') as boolean,
        prefs: parsePreferences(r.get('prefs'))
      }));
      const recipients = decideRecipients(
        {
          type,
          actorId: eventRecord.get('actorId') as string | null,
          subjectId: eventRecord.get('subjectId') as string | null,
          raiserId: eventRecord.get('raiserId') as string | null
        },
        members
      );
      const recorded = await tx.run(RECORD, {
        eventId,
        recipients: recipients.map((r) => ({ ...r, id: notificationId(eventId, r.recipientId) }))
      });
      const rows = recorded.records.map((r) => ({
        id: r.get('id') as string,
        mode: r.get('mode') as string,
        status: r.get('status') as string
      }));
      return {
        immediate: rows
          .filter((r) => r.mode === 'IMMEDIATE' && r.status === 'PENDING')
          .map((r) => r.id),
        digest: rows.filter((r) => r.mode === 'DIGEST').length
      };
    });
  } finally {
    await session.close();
  }
}
