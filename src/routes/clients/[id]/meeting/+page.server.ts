import { error } from '@sveltejs/kit';
import { clientAccess, headerClient, publicSummary } from '$lib/server/clients/client-access';
import { meetingCandidatesFor } from '$lib/server/meetings/meeting-pack';
import { DEFAULT_DURATION, parseMeetingParams } from '$lib/server/meetings/meeting-params';
import { joinFromPage } from '$lib/server/teams/join-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const access = await clientAccess(event, event.params.id);
  if (!access.member) return publicSummary(access);
  const { client, viewer } = access;
  const candidates = await meetingCandidatesFor(viewer, client.id);
  if (candidates.length === 0) error(404, 'There is no such client.');
  // Coming back from the pack keeps the choices made.
  const params = parseMeetingParams(event.url.searchParams);
  const chosen = new Set(params.attendeeKeys);
  const teams = new Map<
    string,
    { clientId: string; name: string; relationship: string | null; people: typeof candidates }
  >();
  const listed = new Set<string>();
  for (const candidate of candidates) {
    const team = teams.get(candidate.teamClientId) ?? {
      clientId: candidate.teamClientId,
      name: `${candidate.teamGivenName} ${candidate.teamFamilyName}`,
      relationship: candidate.relationship,
      people: []
    };
    // Someone on several of these teams is listed once, under the first (this client's first).
    if (!listed.has(candidate.key)) team.people.push(candidate);
    listed.add(candidate.key);
    teams.set(candidate.teamClientId, team);
  }
  return {
    member: true as const,
    canRestrict: access.canRestrict,
    client: headerClient(client),
    teams: [...teams.values()],
    chosen: [...chosen],
    startText: params.startText,
    timeZone: params.timeZone,
    durationMinutes: params.startText ? params.durationMinutes : DEFAULT_DURATION
  };
};

export const actions = {
  join: (event) => joinFromPage(event)
} satisfies Actions;
