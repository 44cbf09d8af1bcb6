// Client.viewerMembership: the viewer's own current membership, or no row.
MATCH (:Practitioner {id: $jwt.sub})-[m:MEMBER_OF]->(this)
WHERE m.until IS NULL
WITH m ORDER BY m.since DESC LIMIT 1
RETURN {
  since: m.since,
  restricted: coalesce(m.restricted, false),
  lead: coalesce(m.lead, false),
  lastConfirmedAt: m.lastConfirmedAt
} AS membership
