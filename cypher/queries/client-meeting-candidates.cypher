// Meeting preparation: who the viewer may invite to a meeting about this client: this team
// and the teams of circle members the viewer is also on (rule 2: never a team they are not on).
// The restricted members of a team are offered as ONE masked entry per team (rule 3): "a
// restricted service", with nothing that narrows it down (a duty line matches exactly one agency
// in the phone book) and no count of services, keyed by the team alone: practitioner ids and duty
// lines are in the phone book, so even a hash of one could be matched.
MATCH (this:Client {id: $clientId})
WHERE EXISTS { MATCH (:Practitioner {id: $viewerId})-[v:MEMBER_OF]->(this) WHERE v.until IS NULL }
CALL (this) {
  RETURN this AS team, null AS relationship, 0 AS rank
  UNION
  MATCH (this)-[r:IN_CIRCLE]-(o:Client)
  WHERE o <> this
    AND EXISTS { MATCH (:Practitioner {id: $viewerId})-[v:MEMBER_OF]->(o) WHERE v.until IS NULL }
  RETURN o AS team, CASE WHEN startNode(r) = this THEN r.reciprocal ELSE r.label END AS relationship,
    1 AS rank
}
WITH team, relationship, rank
ORDER BY rank, team.familyName, team.givenName
LIMIT 50
MATCH (p:Practitioner)-[m:MEMBER_OF]->(team)
WHERE m.until IS NULL
OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Agency)
WITH team, relationship, rank, p, m, a,
  coalesce(m.restricted, false) AND p.id <> $viewerId AS masked
WITH team, relationship, rank, p, m, a, masked,
  CASE WHEN masked THEN 'restricted-' + team.id ELSE p.id END AS key
WITH team, relationship, rank, masked, key, head(collect({p: p, m: m, a: a})) AS one
WITH team, relationship, rank, masked, key, one.p AS p, one.m AS m, one.a AS a
ORDER BY rank, team.familyName, team.givenName, masked, coalesce(m.lead, false) DESC, p.name
RETURN {
  key: key,
  teamClientId: team.id,
  teamGivenName: team.givenName,
  teamFamilyName: team.familyName,
  relationship: relationship,
  masked: masked,
  lead: NOT masked AND coalesce(m.lead, false),
  isViewer: p.id = $viewerId,
  name: CASE WHEN masked THEN null ELSE p.name END,
  jobTitle: CASE WHEN masked THEN null ELSE p.jobTitle END,
  phone: CASE WHEN masked THEN null ELSE p.phone END,
  email: CASE WHEN masked THEN null ELSE p.email END,
  agencyName: CASE WHEN masked THEN null ELSE a.name END,
  dutyPhone: CASE WHEN masked THEN null ELSE a.dutyPhone END
} AS candidate
