/**
 * The client's phone-book entry for the network page (anybody signed in may read it); the graph's
 * answers come from $lib/server/network/sources (team members only).
 */
import { limitedRead } from '$lib/server/clients/client-access';
import { executeGraphQL } from '$lib/server/graphql/execute';
import type { Viewer } from '$lib/server/graphql/viewer';

const SUMMARY = `query NetworkPage($id: ID!) {
  client(id: $id) {
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
  const data = await limitedRead(() =>
    executeGraphQL<{
      client: ClientSummary | null;
      me: { agency: { sensitive: boolean } | null } | null;
    }>(viewer, SUMMARY, { id: clientId })
  );
  return { client: data.client, canRestrict: data.me?.agency?.sensitive === true };
}
