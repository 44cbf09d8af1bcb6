// Client.circle: family, household and significant others, for current team members only.
// IN_CIRCLE is stored once and read undirected: `label` is what the start node is to the end
// node, `reciprocal` the other way round, so the other person's label depends on direction.
// Agencies are named only when non-sensitive and with a current non-restricted member (rule 3),
// and only for people whose team the viewer is also on; addresses never appear in a circle (rule 4).
WITH this
WHERE EXISTS { MATCH (:Practitioner {id: $jwt.sub})-[v:MEMBER_OF]->(this) WHERE v.until IS NULL }
MATCH (this)-[r:IN_CIRCLE]-(other:Client)
WHERE other <> this
WITH other, r, startNode(r) = this AS fromThis,
  EXISTS {
    MATCH (:Practitioner {id: $jwt.sub})-[v:MEMBER_OF]->(other) WHERE v.until IS NULL
  } AS otherIsMine
ORDER BY r.kind, other.familyName, other.givenName
// Someone whose team the viewer is not on is their name and what they are to the client, with
// View/Join team: no date of birth and no agencies (governance decision, issue 14 hole 8).
RETURN {
  clientId: other.id,
  givenName: other.givenName,
  familyName: other.familyName,
  preferredName: other.preferredName,
  dob: CASE WHEN otherIsMine THEN other.dob ELSE null END,
  kind: r.kind,
  label: CASE WHEN fromThis THEN r.reciprocal ELSE r.label END,
  viewerIsMember: otherIsMine,
  agencies: CASE WHEN otherIsMine THEN COLLECT {
    MATCH (p:Practitioner)-[m:MEMBER_OF]->(other)
    WHERE m.until IS NULL AND NOT coalesce(m.restricted, false)
    MATCH (p)-[:WORKS_AT]->(a:Agency)
    WHERE NOT coalesce(a.sensitive, false)
    WITH DISTINCT a.name AS name
    RETURN name ORDER BY name
  } ELSE [] END
} AS entry
