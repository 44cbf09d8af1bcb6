// Query.neighbourhood: the family network around a client, for the graph explorer.
// Parameters: $viewerId, $clientId, $depth (1-3), $limit (people, 1-500), $teamLimit.
//
// Rules (DESIGN.md 2-4), enforced here so /graphql and pages share them:
//   - the starting client must be one whose team the viewer is on (no row otherwise: FORBIDDEN);
//   - a circle is only walked *through* people whose team the viewer is on: someone whose team
//     they are not on is reached (a name) but nothing behind them, not even their circle;
//   - the team (practitioners, agencies) is returned only for those people; a restricted member is
//     one masked entry per duty line, with no name, id or agency (unless it is the viewer);
//   - a circle link is returned only when it belongs to the circle of someone whose team the
//     viewer is on; addresses are never read.
// Paths are bounded (*1..3, then cut to $depth) and only projected scalars are returned.
MATCH (centre:Client {id: $clientId})
WHERE EXISTS {
  MATCH (:Practitioner {id: $viewerId})-[v:MEMBER_OF]->(centre) WHERE v.until IS NULL
}
WITH centre,
  toInteger(CASE WHEN $depth < 1 THEN 1 WHEN $depth > 3 THEN 3 ELSE $depth END) AS depth,
  toInteger(CASE WHEN $limit < 1 THEN 1 WHEN $limit > 500 THEN 500 ELSE $limit END) AS cap
CALL (centre, depth) {
  MATCH path = (centre)-[:IN_CIRCLE*1..3]-(other:Client)
  WHERE length(path) <= depth AND other <> centre
    AND all(n IN nodes(path)[1..-1] WHERE EXISTS {
      MATCH (:Practitioner {id: $viewerId})-[v:MEMBER_OF]->(n) WHERE v.until IS NULL
    })
  WITH other, min(length(path)) AS distance
  ORDER BY distance, other.familyName, other.givenName, other.id
  RETURN collect({node: other, distance: distance}) AS reached
}
WITH centre, depth, cap, [{node: centre, distance: 0}] + reached AS everyone
WITH centre, depth, size(everyone) > cap AS truncated, everyone[0..cap] AS kept
UNWIND kept AS k
WITH centre, depth, truncated, k.node AS person, k.distance AS distance
WITH centre, depth, truncated, person, distance,
  EXISTS {
    MATCH (:Practitioner {id: $viewerId})-[v:MEMBER_OF]->(person) WHERE v.until IS NULL
  } AS isMember
// The team, only for people whose team the viewer is on (an empty list for everybody else).
CALL (person, isMember) {
  WITH person WHERE isMember
  MATCH (p:Practitioner)-[m:MEMBER_OF]->(person)
  WHERE m.until IS NULL
  OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Agency)
  WITH p, m, a, coalesce(m.restricted, false) AND p.id <> $viewerId AS masked
  // One entry per practitioner, and one per duty line for masked members: the number of
  // restricted entries must not tell how many restricted practitioners there are.
  WITH masked, CASE WHEN masked THEN 'duty:' + coalesce(a.dutyPhone, '') ELSE p.id END AS key,
    head(collect({p: p, m: m, a: a})) AS one
  WITH masked, one.p AS p, one.m AS m, one.a AS a
  ORDER BY masked, coalesce(m.lead, false) DESC, p.name
  LIMIT toInteger($teamLimit)
  RETURN collect(CASE WHEN masked THEN {
    masked: true, lead: false, isViewer: false, restricted: true, dutyPhone: a.dutyPhone
  } ELSE {
    masked: false, lead: coalesce(m.lead, false), isViewer: p.id = $viewerId,
    restricted: coalesce(m.restricted, false),
    practitionerId: p.id, name: p.name, jobTitle: p.jobTitle, phone: p.phone, email: p.email,
    agencyId: a.id, agencyName: a.name, agencyKind: a.kind, agencyPhone: a.phone,
    dutyPhone: a.dutyPhone
  } END) AS team
}
WITH centre, depth, truncated, collect({
  clientId: person.id,
  givenName: person.givenName,
  familyName: person.familyName,
  preferredName: person.preferredName,
  distance: distance,
  viewerIsMember: isMember,
  team: team,
  node: person
}) AS rows
WITH centre, depth, truncated, rows, [r IN rows | r.node] AS people,
  [r IN rows WHERE r.viewerIsMember | r.clientId] AS memberIds
CALL (people, memberIds) {
  UNWIND people AS a
  MATCH (a)-[r:IN_CIRCLE]->(b:Client)
  WHERE a <> b AND b IN people AND (a.id IN memberIds OR b.id IN memberIds)
  RETURN collect({
    fromId: a.id, toId: b.id, kind: r.kind, label: r.label, reciprocal: r.reciprocal
  }) AS links
}
RETURN {
  centreId: centre.id,
  depth: depth,
  truncated: truncated,
  links: links,
  people: [r IN rows | r {.clientId, .givenName, .familyName, .preferredName, .distance,
    .viewerIsMember, .team}]
} AS neighbourhood
