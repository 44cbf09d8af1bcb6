/**
 * The events that become email alerts, and how each person may receive them. Shared by the
 * fan-out worker, the settings page and the unsubscribe route, so it imports nothing server-side.
 */
export const ALERT_KINDS = [
  'team.joined',
  'team.left',
  'attention.raised',
  'attention.acknowledged.all',
  'attention.resolved',
  'team.lead.changed',
  'circle.changed',
  'membership.stale',
  'team.lead.nominated',
  'team.lead.handover.offered',
  'team.lead.declined',
  'team.contact.requested'
] as const;

export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_MODES = ['IMMEDIATE', 'DIGEST', 'OFF'] as const;

export type AlertMode = (typeof ALERT_MODES)[number];

export const DEFAULT_MODE: AlertMode = 'IMMEDIATE';

/** What the settings page calls each kind. */
export const KIND_LABELS: Record<AlertKind, string> = {
  'team.joined': 'Someone joins a team I am in',
  'team.left': 'Someone leaves a team I am in',
  'attention.raised': 'An attention is raised',
  'attention.acknowledged.all': 'Everyone has acknowledged an attention I raised',
  'attention.resolved': 'An attention is resolved',
  'team.lead.changed': 'The lead professional changes',
  'circle.changed': "A client's family and household circle changes",
  'membership.stale': 'A membership has not been confirmed for 6 months',
  'team.lead.nominated': 'Someone is nominated as lead professional',
  'team.lead.handover.offered': 'The lead professional offers to hand over the lead',
  'team.lead.declined': 'A lead nomination or handover is declined',
  'team.contact.requested': 'A team member asks me, as a restricted member, to contact them'
};

export function isAlertKind(value: unknown): value is AlertKind {
  return typeof value === 'string' && (ALERT_KINDS as readonly string[]).includes(value);
}

export function isAlertMode(value: unknown): value is AlertMode {
  return typeof value === 'string' && (ALERT_MODES as readonly string[]).includes(value);
}

/**
 * Account alerts: about a practitioner's own account rather than a team, so they have no client
 * and no preference (nobody may opt out of being asked to verify, or of hearing the outcome);
 * always sent at once. Fan-out and the email worker hand them to alerts/account-alerts.ts.
 */
export const ACCOUNT_ALERT_KINDS = [
  'agency.verification.requested',
  'agency.verification.approved',
  'agency.verification.refused'
] as const;

export type AccountAlertKind = (typeof ACCOUNT_ALERT_KINDS)[number];

export function isAccountAlertKind(value: unknown): value is AccountAlertKind {
  return typeof value === 'string' && (ACCOUNT_ALERT_KINDS as readonly string[]).includes(value);
}

/**
 * Alerts for admins rather than a client's team: every active admin gets them at once, whatever
 * their team preferences (they are about the system's safety, and rare). The fan-out and the email
 * for them are in admin-alerts.ts and workers/mail/templates/admin-alert.ts.
 */
export const ADMIN_ALERT_KINDS = [
  /** A practitioner reached the hourly limit of client look-ups (src/lib/server/search/lookups.ts). */
  'lookups.limit.reached'
] as const;

export type AdminAlertKind = (typeof ADMIN_ALERT_KINDS)[number];

export function isAdminAlertKind(value: unknown): value is AdminAlertKind {
  return typeof value === 'string' && (ADMIN_ALERT_KINDS as readonly string[]).includes(value);
}

/**
 * Meeting alerts: a colleague sends the meeting pack to the attendees they chose. The recipients
 * are in the event (not the team's preferences); always sent at once. Fan-out and the email
 * worker hand them to alerts/meeting-pack-alert.ts.
 */
export const MEETING_ALERT_KINDS = ['meeting.pack.sent'] as const;

export type MeetingAlertKind = (typeof MEETING_ALERT_KINDS)[number];

export function isMeetingAlertKind(value: unknown): value is MeetingAlertKind {
  return typeof value === 'string' && (MEETING_ALERT_KINDS as readonly string[]).includes(value);
}

/**
 * Event types that commands write and that deliberately email nobody (they are kept for the
 * activity log and the audit trail). Every other type a command writes must be one of the alert
 * kinds above: tests/unit/alert-kinds.test.ts finds them in the code and holds the two in step,
 * so a new event type cannot silently go nowhere (issue 15, finding 12).
 */
export const SILENT_EVENT_TYPES = [
  // The person is found by search; nobody is on the new team yet but its creator.
  'client.added',
  // Corrections to names and details: visible in the activity log, not worth an email.
  'client.updated',
  // A member confirms they are still involved: nobody else needs telling.
  'team.confirmed',
  // A nomination or handover lapses because someone left; `team.left` already says so.
  'team.lead.cancelled'
] as const;
