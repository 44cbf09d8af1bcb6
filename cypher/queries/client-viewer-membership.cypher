// Client.viewerMembership: the viewer's own current membership, or null. A single-valued @cypher
// field must always return exactly one row: no row would drop the client from the answer.
OPTIONAL MATCH (:Practitioner {id: $jwt.sub})-[m:MEMBER_OF]->(this)
WHERE m.until IS NULL
WITH m ORDER BY m.since DESC LIMIT 1
RETURN CASE WHEN m IS NULL THEN null ELSE {
  since: m.since,
  restricted: coalesce(m.restricted, false),
  lead: coalesce(m.lead, false),
  lastConfirmedAt: m.lastConfirmedAt
} END AS membership
