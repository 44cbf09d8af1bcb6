/**
 * Who may see what of a client (DESIGN.md rule 2): anybody signed in may see the public summary
 * (names, date of birth, council area) — that is the phone book; only current members see the
 * team, circle, address, attentions and activity. Every team page starts here.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { audit } from '../audit/audit.ts';
import { GraphQLOperationError, executeGraphQL } from '../graphql/execute.ts';
import { isLookupLimitError } from '../search/lookups.ts';
import type { Viewer } from '../graphql/viewer.ts';

export const CLIENT_SUMMARY = `query ClientSummary($id: ID!) {
  client(id: $id) {
    id givenName familyName preferredName dob
    council { code name state }
    viewerIsMember
  }
  me { agency { sensitive } }
}`;

export interface ClientSummary {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dob: string | null;
  council: { code: string; name: string; state: string | null } | null;
  viewerIsMember: boolean;
}

interface SummaryData {
  client: ClientSummary | null;
  me: { agency: { sensitive: boolean } | null } | null;
}

/**
 * A read that may open a client off the viewer's teams: past the hourly look-up limit it is
 * refused, and the page says why (429) rather than failing.
 */
export async function limitedRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (failure) {
    const limited =
      failure instanceof GraphQLOperationError
        ? failure.errors.find(isLookupLimitError)
        : undefined;
    if (limited) error(429, limited.message);
    throw failure;
  }
}

export async function clientSummary(
  viewer: Viewer,
  clientId: string
): Promise<{ client: ClientSummary; canRestrict: boolean } | null> {
  const data = await limitedRead(() =>
    executeGraphQL<SummaryData>(viewer, CLIENT_SUMMARY, { id: clientId })
  );
  const client = data.client;
  // Members of a sensitive service may join as restricted (rule 3).
  return client ? { client, canRestrict: data.me?.agency?.sensitive === true } : null;
}

/**
 * A member-only read started at the same time as the access check, to save the page a round trip.
 * Safe because the graph answers a non-member's read with empty lists (graph/clients.graphql) and
 * the page uses the result only after `clientAccess` found a member; a failure is reported when the
 * page awaits it, not as an unhandled rejection when a non-member's page never does.
 */
export function readAlongsideAccess<T>(
  clientId: string,
  read: () => Promise<T>
): Promise<T> | null {
  // The same guard as clientAccess: an id this long is no client and reaches no database.
  if (clientId.length > 100) return null;
  const pending = read();
  pending.catch(() => undefined);
  return pending;
}

/** The page's viewer; hooks.server.ts has already sent signed-out visitors to /login. */
export function pageViewer(locals: App.Locals): Viewer {
  if (!locals.viewer) error(401, 'Sign in to continue.');
  return locals.viewer;
}

export interface ClientAccess {
  member: boolean;
  viewer: Viewer;
  client: ClientSummary;
  canRestrict: boolean;
}

/**
 * The client and whether the viewer is on the team. An unknown id is a 404; a non-member's
 * request is recorded as 'access.denied' (rule 5) and answered with the public summary only.
 */
export async function clientAccess(
  event: Pick<RequestEvent, 'locals' | 'params' | 'url' | 'getClientAddress'>,
  clientId: string
): Promise<ClientAccess> {
  const viewer = pageViewer(event.locals);
  // Ids are UUIDs: anything long is not one, and need not reach the database.
  const found = clientId.length <= 100 ? await clientSummary(viewer, clientId) : null;
  if (!found) error(404, 'There is no such client.');
  const { client, canRestrict } = found;
  if (!client.viewerIsMember) {
    await audit({
      type: 'access.denied',
      actorId: viewer.id,
      clientId: client.id,
      ip: event.getClientAddress(),
      data: { path: event.url.pathname }
    });
    return { member: false, viewer, client, canRestrict };
  }
  return { member: true, viewer, client, canRestrict };
}

/** The client as every page header shows them: the phone-book entry, nothing of the team. */
export function headerClient(
  client: Pick<ClientSummary, 'id' | 'givenName' | 'familyName' | 'preferredName' | 'dob'> & {
    council: { name: string } | null;
  }
) {
  return {
    id: client.id,
    givenName: client.givenName,
    familyName: client.familyName,
    preferredName: client.preferredName,
    dob: client.dob,
    councilName: client.council?.name ?? null
  };
}

/** What a non-member's page shows: the phone-book entry and the join form. */
export function publicSummary(access: ClientAccess) {
  return {
    member: false as const,
    canRestrict: access.canRestrict,
    client: headerClient(access.client)
  };
}

/**
 * What every member tab shows above its content (header and tab bar): the client as the team sees
 * them, with aliases, and the count of open attentions for the Attentions tab.
 */
export function memberHeader(
  access: ClientAccess,
  found: { aliases: string[]; attentions: { resolvedAt: string | null }[] }
) {
  return {
    member: true as const,
    canRestrict: access.canRestrict,
    client: { ...headerClient(access.client), aliases: found.aliases },
    openAttentions: found.attentions.filter((a) => !a.resolvedAt).length
  };
}
