/**
 * The client's phone-book entry for the network page (anybody signed in may read it); the graph's
 * answers come from $lib/server/network/sources (team members only).
 */
import { executeGraphQL } from '$lib/server/graphql/execute';
import type { Viewer } from '$lib/server/graphql/viewer';

const SUMMARY = `query NetworkPage($id: ID!) {
  clients(where: { id: { eq: $id } }, limit: 1) {
    id givenName familyName preferredName dob viewerIsMember council { name }
  }
  me { id agency { sensitive } }
}`;

export interface ClientSummary {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dob: string | null;
  viewerIsMember: boolean;
  council: { name: string } | null;
}

export async function loadSummary(
  viewer: Viewer,
  clientId: string
): Promise<{ client: ClientSummary | null; canRestrict: boolean }> {
  const data = await executeGraphQL<{
    clients: ClientSummary[];
    me: { agency: { sensitive: boolean } | null } | null;
  }>(viewer, SUMMARY, { id: clientId });
  return { client: data.clients[0] ?? null, canRestrict: data.me?.agency?.sensitive === true };
}
