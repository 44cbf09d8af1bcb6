/**
 * The GraphQL operations the search pages and the header's search box send (in-process from page
 * loads through executeGraphQL, or to /graphql from the browser): one API for both.
 */

export const SEARCH_FIELDS = `
  q message dob scope viewerHasAreas capped
  areas { code name level }
  clientTiers { mine district state rest }
  practitionerTiers { mine district state rest }
  agencyTiers { mine district state rest }
  clients { id givenName familyName preferredName dob councilCode councilName viewerIsMember tier match score }
  practitioners { id name jobTitle agencyId agencyName agencyKind areaNames areaCount tier match score }
  agencies { id name kind sensitive phone dutyPhone areaNames areaCount tier match score }
`;

export const SEARCH_QUERY = `query Search($q: String!, $scope: String, $areas: [String!], $limit: Int) {
  search(q: $q, scope: $scope, areas: $areas, limit: $limit) { ${SEARCH_FIELDS} }
}`;

export const JOIN_TEAM_MUTATION = `mutation JoinTeam($clientId: ID!, $reason: String!, $restricted: Boolean) {
  joinTeam(clientId: $clientId, reason: $reason, restricted: $restricted) {
    ok clientId code message eventId restricted
  }
}`;

export const ADD_CLIENT_MUTATION = `mutation AddClient($input: AddClientInput!) {
  addClient(input: $input) {
    ok clientId code message eventId
    fieldErrors { field message }
    candidates { id givenName familyName preferredName dob councilCode councilName viewerIsMember reasons }
  }
}`;
