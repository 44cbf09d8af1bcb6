/**
 * /clients/new: add a client search did not find. The first submit checks for likely duplicates
 * and, if there are any, asks "Is this them?" (join their team instead); the second, with
 * `confirmNew=1`, creates the client with the practitioner as first member and lead professional.
 * Both go through the GraphQL `addClient` command, like any other caller.
 */
import { fail, redirect } from '@sveltejs/kit';
import { executeGraphQL } from '$lib/server/graphql/execute';
import { searchService } from '$lib/server/search/search.service';
import { database, getDriver } from '$lib/server/db/neo4j';
import { ADD_CLIENT_MUTATION, JOIN_TEAM_MUTATION } from '$lib/search/queries';
import type { Actions, PageServerLoad } from './$types';

type Field = 'givenName' | 'familyName' | 'preferredName' | 'aliases' | 'dob' | 'councilCode';
type Values = Record<Field | 'councilOther', string>;

interface Candidate {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dob: string | null;
  councilCode: string | null;
  councilName: string | null;
  viewerIsMember: boolean;
  reasons: string[];
}

interface AddClientData {
  addClient: {
    ok: boolean;
    clientId: string | null;
    code: string | null;
    message: string | null;
    fieldErrors: { field: string; message: string }[];
    candidates: Candidate[];
  };
}

interface JoinTeamData {
  joinTeam: { ok: boolean; clientId: string; code: string | null; message: string | null };
}

/** The council areas offered first: the practitioner's own, then the rest of their districts. */
async function localCouncils(viewerId: string): Promise<{ code: string; name: string }[]> {
  const tiers = await searchService().viewerTiers(viewerId);
  const codes = [...new Set([...tiers.tier0, ...tiers.tier1])];
  if (codes.length === 0) return [];
  const { records } = await getDriver().executeQuery(
    `MATCH (a:Area) WHERE a.code IN $codes AND a.level = 'COUNCIL'
     RETURN a.code AS code, a.name AS name ORDER BY a.name LIMIT 300`,
    { codes },
    { database: database(), routing: 'READ' }
  );
  return records.map((r) => ({ code: r.get('code') as string, name: r.get('name') as string }));
}

function readValues(form: FormData): Values {
  const text = (name: string, max = 1000) => String(form.get(name) ?? '').slice(0, max);
  return {
    givenName: text('givenName', 200),
    familyName: text('familyName', 200),
    preferredName: text('preferredName', 200),
    aliases: text('aliases', 1000),
    dob: text('dob', 40),
    councilCode: text('councilCode', 100),
    councilOther: text('councilOther', 100)
  };
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const [councils, me] = await Promise.all([
    locals.viewer ? localCouncils(locals.viewer.id) : [],
    executeGraphQL<{ me: { agency: { sensitive: boolean } | null } | null }>(
      locals.viewer,
      'query AddClientPage { me { agency { sensitive } } }'
    )
  ]);
  const prefill = (name: string) => (url.searchParams.get(name) ?? '').slice(0, 80);
  return {
    councils,
    canRestrict: me.me?.agency?.sensitive === true,
    prefill: {
      givenName: prefill('givenName'),
      familyName: prefill('familyName'),
      dob: prefill('dob')
    }
  };
};

export const actions = {
  create: async ({ request, locals }) => {
    if (!locals.viewer) redirect(303, '/login?next=/clients/new');
    const form = await request.formData();
    const values = readValues(form);
    const confirmNew = form.get('confirmNew') === '1';
    const { addClient } = await executeGraphQL<AddClientData>(locals.viewer, ADD_CLIENT_MUTATION, {
      input: {
        givenName: values.givenName,
        familyName: values.familyName,
        preferredName: values.preferredName || null,
        aliases: values.aliases
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
        dob: values.dob,
        // A typed code or name wins over the list.
        councilCode: values.councilOther.trim() || values.councilCode,
        confirmNew
      }
    });
    if (addClient.ok && addClient.clientId) {
      redirect(303, `/clients/${encodeURIComponent(addClient.clientId)}`);
    }
    if (addClient.code === 'POSSIBLE_DUPLICATES') {
      // Not an error: a question for the practitioner, answered on the same page.
      return { values, candidates: addClient.candidates, message: addClient.message };
    }
    const fieldErrors = Object.fromEntries(
      addClient.fieldErrors.map((e) => [e.field, e.message])
    ) as Partial<Record<Field, string>>;
    return fail(400, {
      values,
      fieldErrors,
      message: addClient.message ?? 'The client could not be added.'
    });
  },

  join: async ({ request, locals }) => {
    if (!locals.viewer) redirect(303, '/login?next=/clients/new');
    const form = await request.formData();
    const clientId = String(form.get('clientId') ?? '').slice(0, 100);
    const reason = String(form.get('reason') ?? '');
    const { joinTeam } = await executeGraphQL<JoinTeamData>(locals.viewer, JOIN_TEAM_MUTATION, {
      clientId,
      reason,
      restricted: form.get('restricted') === 'on'
    });
    if (joinTeam.ok || joinTeam.code === 'ALREADY_MEMBER') {
      redirect(303, `/clients/${encodeURIComponent(clientId)}`);
    }
    // Ask again so "Is this them?" still shows the same people next to the refusal.
    const values = readValues(form);
    const { addClient } = await executeGraphQL<AddClientData>(locals.viewer, ADD_CLIENT_MUTATION, {
      input: {
        givenName: values.givenName,
        familyName: values.familyName,
        dob: values.dob,
        councilCode: values.councilOther.trim() || values.councilCode,
        confirmNew: false
      }
    }).catch(() => ({ addClient: null }));
    return fail(400, {
      values,
      candidates: addClient?.candidates ?? [],
      join: {
        clientId,
        reason: reason.slice(0, 200),
        message: joinTeam.message ?? 'Could not join.'
      }
    });
  }
} satisfies Actions;
