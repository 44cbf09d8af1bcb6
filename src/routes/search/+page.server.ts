/**
 * /search?q=…&scope=mine|district|state|all&area=<code>…: the whole search on its own page, local
 * areas first. Everything is in the query string so a search can be bookmarked and shared. The
 * load runs the same GraphQL `search` query as /graphql (in-process); `?/join` joins a team from
 * the results and comes back to the same search, with or without JavaScript.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { GraphQLOperationError, executeGraphQL } from '$lib/server/graphql/execute';
import { isLookupLimitError } from '$lib/server/search/lookups';
import { JOIN_TEAM_MUTATION, SEARCH_FIELDS } from '$lib/search/queries';
import { parseScope } from '$lib/search/scope';
import type { SearchResults } from '$lib/search/types';
import type { Actions, PageServerLoad } from './$types';

const PAGE_LIMIT = 20;
const MORE_LIMIT = 50;

const PAGE_QUERY = `query SearchPage($q: String!, $scope: String, $areas: [String!], $limit: Int, $searching: Boolean!) {
  me { id agency { sensitive } areas { code name level } }
  search(q: $q, scope: $scope, areas: $areas, limit: $limit) @include(if: $searching) { ${SEARCH_FIELDS} }
}`;

interface PageQueryData {
  me: {
    id: string;
    agency: { sensitive: boolean } | null;
    areas: { code: string; name: string; level: string }[];
  } | null;
  search?: SearchResults;
}

interface JoinTeamData {
  joinTeam: { ok: boolean; clientId: string; code: string | null; message: string | null };
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const q = (url.searchParams.get('q') ?? '').slice(0, 1000);
  const scope = parseScope(url.searchParams.get('scope'));
  const areas = url.searchParams.getAll('area').slice(0, 10);
  const limit = url.searchParams.get('limit') === String(MORE_LIMIT) ? MORE_LIMIT : PAGE_LIMIT;
  let data: PageQueryData;
  try {
    data = await executeGraphQL<PageQueryData>(locals.viewer, PAGE_QUERY, {
      q,
      scope,
      areas,
      limit,
      searching: q.trim() !== ''
    });
  } catch (failure) {
    if (!(failure instanceof GraphQLOperationError)) throw failure;
    // Past the hourly look-up limit: say so (the rest of the page still loads).
    const limited = failure.errors.find(isLookupLimitError);
    if (limited) {
      const partial = failure.data as Partial<PageQueryData> | null;
      data = {
        me: partial?.me ?? null,
        search: { ...unfinishedSearch(q, scope), message: limited.message }
      };
    } else {
      // A search the database could not finish (busy, or an extreme query) is the searcher's
      // message, not a server error page; the cause is in the server log.
      console.error(`[search] ${failure.message.slice(0, 200)}`);
      data = { me: null, search: unfinishedSearch(q, scope) };
    }
  }
  // PROFILE and AUTO may both cover an area: list each area once.
  const myAreas = [...new Map((data.me?.areas ?? []).map((a) => [a.code, a])).values()].sort(
    (a, b) => a.name.localeCompare(b.name)
  );
  return {
    q,
    scope,
    areas,
    limit,
    moreLimit: MORE_LIMIT,
    results: data.search ?? null,
    canRestrict: data.me?.agency?.sensitive === true,
    myAreas
  };
};

const NO_TIERS = { mine: 0, district: 0, state: 0, rest: 0 };

function unfinishedSearch(q: string, scope: SearchResults['scope']): SearchResults {
  return {
    q,
    message: 'The search could not be finished just now. Try again, or type more of the name.',
    dob: null,
    scope,
    areas: [],
    viewerHasAreas: true,
    clients: [],
    practitioners: [],
    agencies: [],
    clientTiers: NO_TIERS,
    practitionerTiers: NO_TIERS,
    agencyTiers: NO_TIERS,
    capped: false
  };
}

/** The same search without the action marker: where a join comes back to. */
function searchUrl(url: URL): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete('/join');
  return `/search?${params.toString()}`;
}

export const actions = {
  join: async ({ request, locals, url }) => {
    if (!locals.viewer) redirect(303, `/login?next=${encodeURIComponent(searchUrl(url))}`);
    const form = await request.formData();
    const clientId = String(form.get('clientId') ?? '').slice(0, 100);
    const reason = String(form.get('reason') ?? '');
    const restricted = form.get('restricted') === 'on';
    let result: JoinTeamData['joinTeam'];
    try {
      ({ joinTeam: result } = await executeGraphQL<JoinTeamData>(
        locals.viewer,
        JOIN_TEAM_MUTATION,
        {
          clientId,
          reason,
          restricted
        }
      ));
    } catch (cause) {
      if (cause instanceof GraphQLOperationError && cause.hasCode('BAD_USER_INPUT')) {
        return fail(400, {
          join: { clientId, reason: reason.slice(0, 200), message: cause.message }
        });
      }
      throw cause;
    }
    // Already on the team (a second tab, a double submit) is the outcome they wanted.
    if (!result.ok && result.code !== 'ALREADY_MEMBER') {
      if (result.code === 'NOT_FOUND') error(404, 'There is no such client.');
      return fail(400, {
        join: {
          clientId,
          reason: reason.slice(0, 200),
          message: result.message ?? 'Could not join.'
        }
      });
    }
    redirect(303, `${searchUrl(url)}#client-${encodeURIComponent(clientId)}`);
  }
} satisfies Actions;
