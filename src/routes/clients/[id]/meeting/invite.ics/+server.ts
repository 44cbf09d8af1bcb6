import { createHash } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { clientAccess } from '$lib/server/clients/client-access';
import { config } from '$lib/server/config';
import { buildInvite, firstNameAndInitial } from '$lib/server/meetings/ics';
import { meetingCandidatesFor } from '$lib/server/meetings/meeting-pack';
import { meetingQuery, parseMeetingParams } from '$lib/server/meetings/meeting-params';
import type { RequestHandler } from './$types';

/**
 * The meeting as an iCalendar invitation for the attendees chosen. It names the client by first
 * name and initial only (DESIGN.md rule 6) and links to the pack, which is behind sign-in.
 */
export const GET: RequestHandler = async (event) => {
  const access = await clientAccess(event, event.params.id);
  if (!access.member) error(403, 'Only members of this client’s team can plan its meetings.');
  const { client, viewer } = access;
  const params = parseMeetingParams(event.url.searchParams);
  if (!params.start) error(400, 'Choose the date and time of the meeting first.');
  const candidates = await meetingCandidatesFor(viewer, client.id);
  const chosen = candidates.filter((c) => params.attendeeKeys.includes(c.key));
  const named = chosen.filter((c) => !c.masked && c.email);
  // Rule 3: a restricted service is never named or numbered, only said to be invited.
  const restricted = chosen.some((c) => c.masked);
  const query = meetingQuery(params);
  const packUrl = `${config().publicUrl}/clients/${client.id}/meeting/pack?${query}`;
  const shortName = firstNameAndInitial(client.givenName, client.familyName);
  const description = [
    `Multi-agency meeting about ${shortName}.`,
    `The meeting pack (sign-in needed): ${packUrl}`,
    ...(restricted
      ? ['A restricted service is invited too: send the pack from Teamaround to tell them.']
      : [])
  ].join('\n');
  const user = event.locals.user;
  const ics = buildInvite({
    // The same meeting (client, time, attendees) keeps its UID, so a second download updates it.
    uid: `${createHash('sha256')
      .update([client.id, params.start.toISOString(), ...[...params.attendeeKeys].sort()].join('|'))
      .digest('hex')
      .slice(0, 32)}@teamaround`,
    summary: `Multi-agency meeting — ${shortName}`,
    start: params.start,
    durationMinutes: params.durationMinutes,
    organizer: user ? { name: user.name, email: user.email } : undefined,
    attendees: named.map((c) => ({ name: c.name ?? '', email: c.email ?? '' })),
    description,
    url: packUrl
  });
  return new Response(ics, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8; method=REQUEST',
      'content-disposition': 'attachment; filename="multi-agency-meeting.ics"',
      'cache-control': 'no-store'
    }
  });
};
