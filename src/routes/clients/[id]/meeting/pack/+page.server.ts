import { error, fail } from '@sveltejs/kit';
import { clientAccess, pageViewer, publicSummary } from '$lib/server/clients/client-access';
import { loadMeetingPack } from '$lib/server/meetings/meeting-pack';
import { packNetwork } from '$lib/server/meetings/pack-network';
import { meetingQuery, parseMeetingParams } from '$lib/server/meetings/meeting-params';
import { joinFromPage } from '$lib/server/teams/join-action';
import { sendCommand } from '$lib/server/teams/team-mutations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const access = await clientAccess(event, event.params.id);
  if (!access.member) return publicSummary(access);
  const params = parseMeetingParams(event.url.searchParams);
  const [pack, network] = await Promise.all([
    loadMeetingPack(access.viewer, access.client.id, params.attendeeKeys),
    packNetwork(access.viewer, access.client)
  ]);
  if (!pack) error(404, 'There is no such client.');
  return {
    member: true as const,
    canRestrict: access.canRestrict,
    client: pack.client,
    pack,
    network,
    start: params.start?.toISOString() ?? null,
    durationMinutes: params.durationMinutes,
    timeZone: params.timeZone,
    query: meetingQuery(params)
  };
};

export const actions = {
  join: (event) => joinFromPage(event),

  send: async ({ locals, params, url }) => {
    const viewer = pageViewer(locals);
    const meeting = parseMeetingParams(url.searchParams);
    const answer = await sendCommand(viewer, 'sendMeetingPack', {
      clientId: params.id,
      attendeeKeys: meeting.attendeeKeys,
      start: meeting.start?.toISOString() ?? null,
      durationMinutes: meeting.durationMinutes
    });
    if (!answer.ok) {
      return fail(answer.code === 'FORBIDDEN' ? 403 : 400, {
        message: answer.message ?? 'The pack could not be sent.'
      });
    }
    const sent = answer.sentTo ?? 0;
    return {
      done:
        sent === 0
          ? 'There is nobody else to send the pack to.'
          : `The pack link is being emailed to ${sent} ${sent === 1 ? 'attendee' : 'attendees'}.`
    };
  }
} satisfies Actions;
