import { error, fail, redirect } from '@sveltejs/kit';
import { parsePair } from '$lib/circles/relationships';
import {
  clientAccess,
  pageViewer,
  memberHeader,
  publicSummary,
  readAlongsideAccess
} from '$lib/server/clients/client-access';
import { executeGraphQL } from '$lib/server/graphql/execute';
import { joinFromPage } from '$lib/server/teams/join-action';
import { sendCommand, type CommandAnswer } from '$lib/server/teams/team-mutations';
import type { Actions, PageServerLoad } from './$types';

const CIRCLE_PAGE = `query CirclePage($id: ID!) {
  client(id: $id) {
    id
    aliases
    attentions { resolvedAt }
    circle { clientId givenName familyName preferredName dob kind label viewerIsMember agencies }
  }
  circleCandidates(clientId: $id) { clientId givenName familyName preferredName dob }
}`;

interface CirclePageData {
  client: {
    aliases: string[];
    attentions: { resolvedAt: string | null }[];
    circle: {
      clientId: string;
      givenName: string;
      familyName: string;
      preferredName: string | null;
      dob: string | null;
      kind: string;
      label: string | null;
      viewerIsMember: boolean;
      agencies: string[];
    }[];
  } | null;
  circleCandidates: {
    clientId: string;
    givenName: string;
    familyName: string;
    preferredName: string | null;
    dob: string | null;
  }[];
}

export const load: PageServerLoad = async (event) => {
  const id = event.params.id;
  const circleRead = readAlongsideAccess(id, () =>
    executeGraphQL<CirclePageData>(pageViewer(event.locals), CIRCLE_PAGE, { id })
  );
  const access = await clientAccess(event, id);
  if (!access.member || !circleRead) return publicSummary(access);
  // Rule 5: the view is recorded where GraphQL resolves the circle (audit/read-audit.ts).
  const data = await circleRead;
  const found = data.client;
  if (!found) error(404, 'There is no such client.');
  return {
    ...memberHeader(access, found),
    circle: found.circle,
    candidates: data.circleCandidates
  };
};

function refused(answer: CommandAnswer) {
  return fail(answer.code === 'FORBIDDEN' ? 403 : 400, {
    message: answer.message ?? 'That did not work.'
  });
}

export const actions = {
  join: (event) => joinFromPage(event),

  add: async ({ locals, params, request }) => {
    const viewer = pageViewer(locals);
    const form = await request.formData();
    const ticked = form.getAll('add').map(String).slice(0, 50);
    if (ticked.length === 0) {
      return fail(400, { message: 'Tick at least one of your clients to add.' });
    }
    const links = [];
    for (const otherId of ticked) {
      const pair = parsePair(String(form.get(`relationship-${otherId}`) ?? ''));
      if (!pair) {
        return fail(400, { message: 'Choose the relationship for everyone you ticked.' });
      }
      links.push({ otherId, label: pair.label, reciprocal: pair.reciprocal });
    }
    const answer = await sendCommand(viewer, 'addToCircle', { clientId: params.id, links });
    if (!answer.ok) return refused(answer);
    const added = answer.added?.length ?? 0;
    return {
      done: `Added ${added} ${added === 1 ? 'person' : 'people'} to the circle: both teams are told.`
    };
  },

  relink: async ({ locals, params, request }) => {
    const viewer = pageViewer(locals);
    const form = await request.formData();
    const otherId = String(form.get('otherId') ?? '').slice(0, 100);
    const pair = parsePair(String(form.get('relationship') ?? ''));
    if (!pair) return fail(400, { message: 'Choose a relationship from the list.' });
    const answer = await sendCommand(viewer, 'updateCircleLink', {
      clientId: params.id,
      otherId,
      label: pair.label,
      reciprocal: pair.reciprocal
    });
    if (!answer.ok) return refused(answer);
    return { done: 'Relationship corrected: both teams are told.' };
  },

  unlink: async ({ locals, params, request }) => {
    const viewer = pageViewer(locals);
    const otherId = String((await request.formData()).get('otherId') ?? '').slice(0, 100);
    const answer = await sendCommand(viewer, 'removeFromCircle', { clientId: params.id, otherId });
    if (!answer.ok) return refused(answer);
    redirect(303, `/clients/${params.id}/circle?removed=1`);
  }
} satisfies Actions;
