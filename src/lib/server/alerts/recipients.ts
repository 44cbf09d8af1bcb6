/**
 * Who hears about an event, and how: a pure decision, unit-testable without a database.
 *
 * Everyone told is a CURRENT member of the client's team (former members never are), never the
 * person who did it, and only if their preference for the kind is not OFF. Two kinds go to fewer
 * people, because nobody else has anything to do about them:
 * - `attention.acknowledged.all` tells the raiser that everyone has seen their attention;
 * - `membership.stale` asks the member concerned to confirm, and tells the lead professional;
 * - `team.contact.requested` ("Ask them to contact me") reaches the restricted members only:
 *   nobody else may learn who they are, and it is them the asker wants to hear from.
 */
import type { AlertKind, AlertMode } from './kinds.ts';
import type { AlertPreferences } from './preferences.ts';

export interface CandidateMember {
  id: string;
  active: boolean;
  hasEmail: boolean;
  lead: boolean;
  /** A restricted membership (DESIGN.md rule 3). */
  restricted?: boolean;
  prefs: AlertPreferences;
}

export interface AlertEvent {
  type: AlertKind;
  actorId: string | null;
  subjectId: string | null;
  /** For attention kinds: who raised the attention. */
  raiserId?: string | null;
}

export interface Recipient {
  recipientId: string;
  mode: Exclude<AlertMode, 'OFF'>;
}

function audience(event: AlertEvent, member: CandidateMember): boolean {
  switch (event.type) {
    case 'attention.acknowledged.all':
      return member.id === event.raiserId;
    case 'membership.stale':
      return member.id === event.subjectId || member.lead;
    case 'team.contact.requested':
      return member.restricted === true;
    default:
      return true;
  }
}

export function decideRecipients(event: AlertEvent, members: CandidateMember[]): Recipient[] {
  const seen = new Set<string>();
  const recipients: Recipient[] = [];
  for (const member of members) {
    if (seen.has(member.id)) continue;
    seen.add(member.id);
    if (member.id === event.actorId || !member.active || !member.hasEmail) continue;
    if (!audience(event, member)) continue;
    const mode = member.prefs[event.type];
    if (mode === 'OFF') continue;
    recipients.push({ recipientId: member.id, mode });
  }
  // A stable order keeps job lists and digest contents deterministic across retries.
  return recipients.sort((a, b) => a.recipientId.localeCompare(b.recipientId));
}
