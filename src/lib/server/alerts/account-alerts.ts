/**
 * Account alerts (kinds.ts ACCOUNT_ALERT_KINDS): the sensitive-agency verification emails. Unlike
 * team alerts they have no client: the recipients are the people who may decide a verification
 * (admins, and verified members of that agency) or the practitioner it is about. They go through
 * the same pipeline (outbox Event -> fan-out -> one Notification and one `send-email` job per
 * recipient, Idempotency-Key = notification id), always immediately.
 *
 * The event's subjectId is the AgencyVerification's id; the verification names the agency and
 * the practitioner, so job payloads and events carry ids only (DESIGN.md rule 6).
 */
import type { ManagedTransaction, Driver } from 'neo4j-driver';
import type { AccountAlertKind } from './kinds.ts';
import { recordDirectNotifications } from './direct-notifications.ts';

// Who can act on a waiting verification: every active admin, and every active verified member
// of that agency (WORKS_AT a sensitive agency exists only once verified), never the claimant.
const REQUESTED_RECIPIENTS = `
MATCH (e:Event {id: $eventId})
MATCH (v:AgencyVerification {id: e.subjectId})
CALL (v) {
  MATCH (p:Practitioner) WHERE 'admin' IN coalesce(p.roles, [])
  RETURN p
  UNION
  MATCH (p:Practitioner)-[:WORKS_AT]->(:Agency {id: v.agencyId})
  RETURN p
}
WITH v, p
WHERE p.id <> v.practitionerId AND coalesce(p.status, 'ACTIVE') = 'ACTIVE'
  AND coalesce(p.email, '') <> ''
RETURN DISTINCT p.id AS id`;

const DECIDED_RECIPIENTS = `
MATCH (e:Event {id: $eventId})
MATCH (v:AgencyVerification {id: e.subjectId})
MATCH (p:Practitioner {id: v.practitionerId})
WHERE coalesce(p.email, '') <> ''
RETURN p.id AS id`;

/** Fan-out for an account alert, inside fan-out's transaction: the notifications still to send. */
export async function fanOutAccountAlert(
  tx: ManagedTransaction,
  eventId: string,
  kind: AccountAlertKind
): Promise<string[]> {
  const query =
    kind === 'agency.verification.requested' ? REQUESTED_RECIPIENTS : DECIDED_RECIPIENTS;
  const found = await tx.run(query, { eventId });
  return recordDirectNotifications(
    tx,
    eventId,
    found.records.map((r) => r.get('id') as string)
  );
}

export interface AccountAlertModel {
  kind: AccountAlertKind;
  recipientEmail: string;
  /** The practitioner the verification is about. */
  claimantName: string;
  agencyName: string;
  /** Where the recipient acts or reads more. */
  url: string;
}

const LOAD = `
MATCH (n:Notification {id: $id}) WHERE n.kind IN $kinds
OPTIONAL MATCH (e:Event {id: n.eventId})
OPTIONAL MATCH (v:AgencyVerification {id: e.subjectId})
OPTIONAL MATCH (r:Practitioner {id: n.recipientId})
OPTIONAL MATCH (claimant:Practitioner {id: v.practitionerId})
OPTIONAL MATCH (ag:Agency {id: v.agencyId})
RETURN n.kind AS kind, n.status AS status, r.email AS email,
  coalesce(r.status, 'ACTIVE') = 'ACTIVE' AS active,
  claimant.name AS claimantName, ag.name AS agencyName, v.status AS verificationStatus,
  n.recipientId = v.practitionerId AS toClaimant,
  'admin' IN coalesce(r.roles, []) OR EXISTS { MATCH (r)-[:WORKS_AT]->(ag) } AS mayDecide`;

export type LoadedAccountAlert =
  | { status: 'SENT' }
  | { status: 'UNDELIVERABLE' }
  | { status: 'PENDING'; model: AccountAlertModel };

/**
 * The notification as an account alert, or null when it is a team alert (the caller then goes on
 * as before). A request whose verification was decided meanwhile, or whose recipient may no
 * longer decide it, is not sent.
 */
export async function loadAccountAlert(
  driver: Driver,
  database: string,
  publicUrl: string,
  kinds: readonly string[],
  id: string
): Promise<LoadedAccountAlert | null> {
  const { records } = await driver.executeQuery(LOAD, { id, kinds }, { database, routing: 'READ' });
  const r = records[0];
  if (!r) return null;
  if (r.get('status') === 'SENT') return { status: 'SENT' };
  const kind = r.get('kind') as AccountAlertKind;
  const email = r.get('email') as string | null;
  const claimantName = r.get('claimantName') as string | null;
  const agencyName = r.get('agencyName') as string | null;
  const requested = kind === 'agency.verification.requested';
  const deliverable =
    Boolean(email) &&
    claimantName !== null &&
    agencyName !== null &&
    (requested
      ? r.get('active') === true &&
        r.get('verificationStatus') === 'PENDING' &&
        r.get('mayDecide') === true &&
        r.get('toClaimant') !== true
      : r.get('toClaimant') === true);
  if (!deliverable || !email || !claimantName || !agencyName) return { status: 'UNDELIVERABLE' };
  return {
    status: 'PENDING',
    model: {
      kind,
      recipientEmail: email,
      claimantName,
      agencyName,
      url: requested ? `${publicUrl}/admin/agency-verifications` : `${publicUrl}/profile`
    }
  };
}
