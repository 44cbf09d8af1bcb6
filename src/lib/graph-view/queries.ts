/**
 * The GraphQL operations of the network pages: sent in-process by the page loads (executeGraphQL)
 * and over POST /graphql by the explorer in the browser, so both see exactly the same answers.
 */

export const NEIGHBOURHOOD_FIELDS = `centreId depth truncated
  people { clientId givenName familyName preferredName distance viewerIsMember
    team { masked restricted lead isViewer practitionerId } }
  links { fromId toId kind label reciprocal }
  practitioners { practitionerId name jobTitle phone email agencyId }
  agencies { agencyId name kind phone dutyPhone }`;

export const NEIGHBOURHOOD_QUERY = `query Neighbourhood($clientId: ID!, $depth: Int, $limit: Int) {
  neighbourhood(clientId: $clientId, depth: $depth, limit: $limit) { ${NEIGHBOURHOOD_FIELDS} }
}`;

export const MY_NETWORK_QUERY = `query MyNetwork($limit: Int) {
  myNetwork(limit: $limit) {
    viewerId viewerName agencyId agencyName agencyKind truncated
    clients { clientId givenName familyName preferredName }
    colleagues { practitionerId name jobTitle phone email agencyId agencyName agencyKind sharedClientIds sharedCount }
  }
}`;

export const JOIN_TEAM = `mutation JoinTeam($clientId: ID!, $reason: String!, $restricted: Boolean) {
  joinTeam(clientId: $clientId, reason: $reason, restricted: $restricted) { ok clientId code message }
}`;

export interface JoinTeamAnswer {
  joinTeam: { ok: boolean; clientId: string; code: string | null; message: string | null };
}
