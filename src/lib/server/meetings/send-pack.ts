/**
 * sendMeetingPack: "send to attendees". Writes an outbox Event 'meeting.pack.sent' whose data is
 * the attendees' practitioner ids (and the meeting time); the alerts pipeline turns it into one
 * email each carrying the pack link (DESIGN.md rule 6: no client details in the email).
 *
 * Attendees arrive as the keys the meeting page offered (client-meeting-candidates.cypher): a
 * practitioner id, or `restricted-<team client id>` for the restricted members of that team (one
 * masked entry per team), resolved here to them so they are told without the viewer learning who
 * they are or how many services are involved.
 */
import type { Viewer } from '../graphql/viewer.ts';
import {
  CommandError,
  commandEvent,
  requireMembership,
  runCommand
} from '../teams/command-support.ts';

export const MAX_ATTENDEES = 60;

// The same reach as the meeting page: this team and circle members' teams the viewer is on.
const RESOLVE = `
MATCH (this:Client {id: $clientId})
CALL (this) {
  RETURN this AS team
  UNION
  MATCH (this)-[:IN_CIRCLE]-(o:Client)
  WHERE o <> this
    AND EXISTS { MATCH (:Practitioner {id: $viewerId})-[v:MEMBER_OF]->(o) WHERE v.until IS NULL }
  RETURN o AS team
}
MATCH (p:Practitioner)-[m:MEMBER_OF]->(team)
WHERE m.until IS NULL
WITH p, CASE WHEN coalesce(m.restricted, false) AND p.id <> $viewerId
    THEN 'restricted-' + team.id ELSE p.id END AS key
WHERE key IN $keys
RETURN DISTINCT key, p.id AS practitionerId`;

export interface MeetingPackInput {
  clientId: string;
  attendeeKeys: string[];
  /** ISO date-time of the meeting, when chosen. */
  start?: string | null;
  durationMinutes?: number | null;
}

export async function sendMeetingPack(
  viewer: Viewer,
  input: MeetingPackInput
): Promise<{ sentTo: number }> {
  const keys = [...new Set(input.attendeeKeys)].slice(0, MAX_ATTENDEES);
  if (keys.length === 0) {
    throw new CommandError('BAD_USER_INPUT', 'Choose at least one attendee.');
  }
  const start = input.start ? new Date(input.start) : null;
  if (start && Number.isNaN(start.getTime())) {
    throw new CommandError('BAD_USER_INPUT', 'Enter the meeting’s date and time.');
  }
  return runCommand(viewer.id, async (tx) => {
    await requireMembership(tx, viewer.id, input.clientId);
    const { records } = await tx.run(RESOLVE, {
      clientId: input.clientId,
      viewerId: viewer.id,
      keys
    });
    const attendeeIds = [...new Set(records.map((r) => r.get('practitionerId') as string))];
    if (new Set(records.map((r) => r.get('key') as string)).size !== keys.length) {
      throw new CommandError(
        'BAD_USER_INPUT',
        'Attendees must be on this team or on the team of someone in the circle you are on.'
      );
    }
    // The organiser gets no email about their own pack.
    const recipients = attendeeIds.filter((id) => id !== viewer.id);
    return {
      // Counted as chosen, a team's restricted members as one: the number of people behind a
      // masked entry must not show (DESIGN.md rule 3).
      result: { sentTo: keys.filter((key) => key !== viewer.id).length },
      events: [
        commandEvent('meeting.pack.sent', input.clientId, null, {
          attendeeIds: recipients,
          // What the pack link carries (ids and digests only), so the email can link to this pack.
          attendeeKeys: keys,
          start: start ? start.toISOString() : null,
          durationMinutes: input.durationMinutes ?? null
        })
      ]
    };
  });
}
