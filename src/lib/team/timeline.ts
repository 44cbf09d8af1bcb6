/** How an activity entry reads: "Alex Smith (Northside Child Protection) joined the team". */

export interface TimelineEntryView {
  kind: string;
  at: string | null;
  actorMasked: boolean;
  actorName: string | null;
  actorAgency: string | null;
  actorIsViewer: boolean;
  subjectName: string | null;
  detail: string | null;
}

const FIELD_NAMES: Record<string, string> = {
  givenName: 'given name',
  familyName: 'family name',
  preferredName: 'preferred name',
  aliases: 'aliases',
  dob: 'date of birth',
  councilCode: 'council area',
  address: 'address',
  'address.withheldForSafety': 'address withholding'
};

/** `asYou: false` names the viewer too (a printed pack is read by others). */
export function actorOf(entry: TimelineEntryView, asYou = true): string {
  if (entry.actorIsViewer && (asYou || !entry.actorName)) return 'You';
  if (entry.actorMasked) return 'A restricted service';
  if (!entry.actorName) return 'Someone';
  return entry.actorAgency ? `${entry.actorName} (${entry.actorAgency})` : entry.actorName;
}

export function describeEntry(entry: TimelineEntryView, asYou = true): string {
  const who = actorOf(entry, asYou);
  switch (entry.kind) {
    case 'team.joined':
      // The reason given on joining, which the join form promises the team (never when masked).
      return entry.detail ? `${who} joined the team: “${entry.detail}”` : `${who} joined the team`;
    case 'team.left':
      return `${who} left the team`;
    case 'team.lead.changed':
      if (entry.detail === 'accepted') return `${who} accepted the lead`;
      if (entry.detail === 'appointed' || entry.detail?.startsWith('confirmed')) {
        const verb = entry.detail === 'appointed' ? 'appointed' : 'confirmed';
        return `${who} ${verb} ${entry.subjectName ?? 'a member'} as the lead professional`;
      }
      return `${who} made ${entry.subjectName ?? 'a member'} the lead professional`;
    case 'team.lead.nominated':
      return `${who} nominated ${entry.subjectName ?? 'a member'} as lead professional`;
    case 'team.lead.handover.offered':
      return `${who} offered the lead to ${entry.subjectName ?? 'a member'}`;
    case 'team.lead.declined':
      return entry.detail === 'withdrawn'
        ? `${who} withdrew the lead proposal for ${entry.subjectName ?? 'a member'}`
        : `${who} declined the lead proposal for ${entry.subjectName ?? 'a member'}`;
    case 'team.lead.cancelled':
      return `The lead proposal for ${entry.subjectName ?? 'a member'} ended: they or its proposer left`;
    case 'circle.changed': {
      const person = entry.subjectName ?? 'someone';
      const change =
        entry.detail === 'removed'
          ? `removed ${person} from the circle`
          : entry.detail === 'updated'
            ? `changed how ${person} is related`
            : `added ${person} to the circle`;
      return `${who} ${change}`;
    }
    case 'client.updated': {
      const fields = (entry.detail ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean)
        .map((f) => FIELD_NAMES[f] ?? f);
      return `${who} corrected the client’s ${fields.length ? fields.join(', ') : 'details'}`;
    }
    case 'meeting.pack.sent':
      return `${who} sent a multi-agency meeting pack`;
    case 'attention.raised':
      return `${who} raised ${entry.detail === 'URGENT' ? 'an urgent' : 'an'} attention`;
    case 'attention.resolved':
      return 'An attention was resolved';
    default:
      return `${who}: ${entry.kind}`;
  }
}

/** Short labels for the latest-activity line on a client card. */
export const KIND_LABELS: Record<string, string> = {
  'team.joined': 'Someone joined',
  'team.left': 'Someone left',
  'team.lead.changed': 'Lead professional changed',
  'team.lead.nominated': 'Lead nominated',
  'team.lead.handover.offered': 'Lead handover offered',
  'team.lead.declined': 'Lead proposal declined',
  'circle.changed': 'Circle changed',
  'client.updated': 'Details corrected',
  'meeting.pack.sent': 'Meeting pack sent',
  'attention.raised': 'Attention raised',
  'attention.resolved': 'Attention resolved'
};
