// Query.neighbourhood: the family network around a client, for the graph explorer.
// Parameters: $viewerId, $clientId, $depth (1-3), $limit (people, 1-500), $teamLimit.
//
// Rules (DESIGN.md 2-4), enforced here so /graphql and pages share them:
//   - the starting client must be one whose team the viewer is on (no row otherwise: FORBIDDEN);
//   - a circle is only walked *through* people whose team the viewer is on: someone whose team
//     they are not on is reached (a name) but nothing behind them, not even their circle;
//   - the team is returned only for those people; its restricted members (but the viewer) are
//     one masked entry per team, with no duty line, name, id or agency and no count, and are
//     never listed among the practitioners or agencies;
//   - a circle link is returned only when it belongs to the circle of someone whose team the
//     viewer is on; addresses are never read.
//
// The answer is one JSON string (apoc.convert.toJson), parsed by the resolver: decoding a few
// thousand small Bolt values costs the Node driver more than the query itself. Practitioners
// and agencies are listed once and referred to by id from the teams, because a family's
// workers are mostly the same few people on everybody's team.
MATCH (centre:Client {id: $clientId})
WHERE EXISTS {
  MATCH (:Practitioner {id: $viewerId})-[v:MEMBER_OF]->(centre) WHERE v.until IS NULL
}
MATCH (viewer:Practitioner {id: $viewerId})
WITH viewer, centre,
  toInteger(CASE WHEN $depth < 1 THEN 1 WHEN $depth > 3 THEN 3 ELSE $depth END) AS depth,
  toInteger(CASE WHEN $limit < 1 THEN 1 WHEN $limit > 500 THEN 500 ELSE $limit END) AS cap
// Each step starts from someone whose team the viewer is on, checked while walking, so nothing
// behind anybody else is ever expanded.
CALL (viewer, centre, depth) {
  MATCH (centre) ((a:Client)-[:IN_CIRCLE]-(b:Client)
    WHERE EXISTS { MATCH (viewer)-[v:MEMBER_OF]->(a) WHERE v.until IS NULL }){1,3} (other:Client)
  WHERE size(b) <= depth AND other <> centre
  WITH other, min(size(b)) AS distance
  ORDER BY distance, other.familyName, other.givenName, other.id
  RETURN collect({node: other, distance: distance}) AS reached
}
WITH viewer, centre, depth, cap, [{node: centre, distance: 0}] + reached AS everyone
WITH viewer, centre, depth, size(everyone) > cap AS truncated, everyone[0..cap] AS kept
UNWIND kept AS k
WITH viewer, centre, depth, truncated, k.node AS person, k.distance AS distance
WITH viewer, centre, depth, truncated, person, distance,
  EXISTS { MATCH (viewer)-[v:MEMBER_OF]->(person) WHERE v.until IS NULL } AS isMember
// The team, only for people whose team the viewer is on (an empty list for everybody else).
CALL (viewer, person, isMember) {
  WITH person WHERE isMember
  MATCH (p:Practitioner)-[m:MEMBER_OF]->(person)
  WHERE m.until IS NULL
  WITH p, m, coalesce(m.restricted, false) AND p <> viewer AS masked
  // One entry per practitioner, and one for all masked members: it must tell neither which
  // restricted services nor how many (a duty line matches exactly one agency in the phone book).
  WITH p, m, masked, CASE WHEN masked THEN '' ELSE p.id END AS key
  WITH masked, key, head(collect({p: p, m: m})) AS one
  WITH masked, key, one.p AS p, one.m AS m
  ORDER BY masked, coalesce(m.lead, false) DESC, p.name
  LIMIT toInteger($teamLimit)
  RETURN collect(CASE WHEN masked THEN {
    masked: true, lead: false, isViewer: false, restricted: true
  } ELSE {
    masked: false, lead: coalesce(m.lead, false), isViewer: p = viewer,
    restricted: coalesce(m.restricted, false), practitionerId: p.id
  } END) AS team,
  collect(CASE WHEN masked THEN null ELSE p END) AS shown
}
WITH centre, depth, truncated, collect(shown) AS shownByPerson, collect({
  clientId: person.id,
  givenName: person.givenName,
  familyName: person.familyName,
  preferredName: person.preferredName,
  distance: distance,
  viewerIsMember: isMember,
  team: team,
  node: person
}) AS rows
WITH centre, depth, truncated, shownByPerson, rows, [r IN rows | r.node] AS people,
  [r IN rows WHERE r.viewerIsMember | r.clientId] AS memberIds
CALL (people, memberIds) {
  UNWIND people AS a
  MATCH (a)-[r:IN_CIRCLE]->(b:Client)
  WHERE a <> b AND b IN people AND (a.id IN memberIds OR b.id IN memberIds)
  RETURN collect({
    fromId: a.id, toId: b.id, kind: r.kind, label: r.label, reciprocal: r.reciprocal
  }) AS links
}
// Each practitioner shown on some team once, with their agency, and each such agency once.
CALL (shownByPerson) {
  UNWIND shownByPerson AS shown
  UNWIND shown AS p
  WITH DISTINCT p
  OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Agency)
  WITH p, head(collect(a)) AS a
  RETURN collect({
    practitionerId: p.id, name: p.name, jobTitle: p.jobTitle, phone: p.phone, email: p.email,
    agencyId: a.id
  }) AS practitioners,
  collect(DISTINCT CASE WHEN a IS NULL THEN null ELSE {
    agencyId: a.id, name: a.name, kind: a.kind, phone: a.phone, dutyPhone: a.dutyPhone
  } END) AS agencies
}
RETURN apoc.convert.toJson({
  centreId: centre.id,
  depth: depth,
  truncated: truncated,
  people: [r IN rows | r {.clientId, .givenName, .familyName, .preferredName, .distance,
    .viewerIsMember, .team}],
  links: links,
  practitioners: practitioners,
  agencies: agencies
}) AS neighbourhood
