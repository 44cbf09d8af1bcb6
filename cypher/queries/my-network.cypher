// Query.myNetwork: the viewer's current clients and the colleagues from other agencies on the
// same teams, with how many clients each shares with the viewer. Parameters: $viewerId, $limit
// (clients, 1-500), $colleagueLimit.
// Restricted memberships are left out on both sides (rule 3): neither the viewer's own restricted
// memberships nor a colleague's, so the map never hints at a restricted service's caseload.
MATCH (me:Practitioner {id: $viewerId})
OPTIONAL MATCH (me)-[:WORKS_AT]->(mine:Agency)
CALL (me) {
  MATCH (me)-[m:MEMBER_OF]->(c:Client)
  WHERE m.until IS NULL AND NOT coalesce(m.restricted, false)
  WITH DISTINCT c
  ORDER BY c.familyName, c.givenName, c.id
  RETURN collect(c) AS everyClient
}
WITH me, mine, everyClient,
  toInteger(CASE WHEN $limit < 1 THEN 1 WHEN $limit > 500 THEN 500 ELSE $limit END) AS cap
WITH me, mine, everyClient[0..cap] AS clients, size(everyClient) > cap AS truncated
CALL (me, mine, clients) {
  UNWIND clients AS c
  MATCH (p:Practitioner)-[m:MEMBER_OF]->(c)
  WHERE m.until IS NULL AND NOT coalesce(m.restricted, false) AND p <> me
  MATCH (p)-[:WORKS_AT]->(a:Agency)
  WHERE mine IS NULL OR a <> mine
  WITH p, a, collect(DISTINCT c.id) AS shared
  ORDER BY size(shared) DESC, p.name
  LIMIT toInteger($colleagueLimit)
  RETURN collect({
    practitionerId: p.id, name: p.name, jobTitle: p.jobTitle, phone: p.phone, email: p.email,
    agencyId: a.id, agencyName: a.name, agencyKind: a.kind, sharedClientIds: shared,
    sharedCount: size(shared)
  }) AS colleagues
}
RETURN {
  viewerId: me.id,
  viewerName: me.name,
  agencyId: mine.id,
  agencyName: mine.name,
  agencyKind: mine.kind,
  truncated: truncated,
  clients: [c IN clients | {
    clientId: c.id, givenName: c.givenName, familyName: c.familyName,
    preferredName: c.preferredName
  }],
  colleagues: colleagues
} AS network
