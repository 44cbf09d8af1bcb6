/**
 * /clients/[id]/network: the family network explorer. Team members get the graph (and the view
 * is recorded as 'graph.viewed'); anybody else gets the client's public summary and the Join team
 * form, and the refused look is recorded as 'access.denied' (DESIGN.md rules 2 and 5).
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/audit/audit';
import { headerClient } from '$lib/server/clients/client-access';
import { executeGraphQL } from '$lib/server/graphql/execute';
import { JOIN_TEAM, type JoinTeamAnswer } from '$lib/graph-view/queries';
import { parseViewState } from '$lib/graph-view/url-state';
import { loadSources } from '$lib/server/network/sources';
import { loadSummary } from './network-page.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const viewer = event.locals.viewer;
  if (!viewer || !event.locals.user) {
    redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  }
  const clientId = event.params.id;
  // Ids are UUIDs: anything long is not one and need not reach the database.
  const { client, canRestrict } =
    clientId.length <= 100
      ? await loadSummary(viewer, clientId)
      : { client: null, canRestrict: false };
  if (!client) error(404, 'There is no such client.');
  const summary = headerClient(client);
  const ip = event.getClientAddress();
  const view = parseViewState(event.url.searchParams);
  const loaded = client.viewerIsMember ? await loadSources(viewer, client.id, view) : null;
  if (!loaded) {
    await audit({
      type: 'access.denied',
      actorId: viewer.id,
      clientId: client.id,
      ip,
      data: { path: event.url.pathname }
    });
    return { member: false as const, client: summary, canRestrict };
  }
  // Rule 5: the view is recorded where GraphQL resolves the neighbourhood (audit/read-audit.ts).
  return {
    member: true as const,
    client: summary,
    canRestrict,
    sources: loaded.sources,
    view: { ...view, expand: loaded.expand },
    printMode: event.url.searchParams.get('print') === '1'
  };
};

export const actions = {
  /** Join from the public summary (the JoinTeamForm posts here, with or without JavaScript). */
  join: async (event) => {
    const viewer = event.locals.viewer;
    if (!viewer) redirect(303, '/login');
    const form = await event.request.formData();
    const reason = String(form.get('reason') ?? '').slice(0, 1000);
    const restricted = form.get('restricted') === 'on';
    const { joinTeam } = await executeGraphQL<JoinTeamAnswer>(viewer, JOIN_TEAM, {
      clientId: event.params.id,
      reason,
      restricted
    });
    if (!joinTeam.ok && joinTeam.code !== 'ALREADY_MEMBER') {
      return fail(400, { joinError: joinTeam.message ?? 'You could not join.', reason });
    }
    redirect(303, event.url.pathname);
  }
} satisfies Actions;
