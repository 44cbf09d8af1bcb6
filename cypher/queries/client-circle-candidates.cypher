// The circle tab's "add people": the viewer's own clients (current memberships) that could join this
// client's circle: not this client and not already linked. Only team members of this client get
// any (rule 2). At most 200, by name.
MATCH (this:Client {id: $clientId})
WHERE EXISTS { MATCH (:Practitioner {id: $viewerId})-[v:MEMBER_OF]->(this) WHERE v.until IS NULL }
MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(o:Client)
WHERE m.until IS NULL AND o <> this AND NOT EXISTS { MATCH (this)-[:IN_CIRCLE]-(o) }
WITH DISTINCT o
ORDER BY o.familyName, o.givenName
LIMIT 200
RETURN {
  clientId: o.id,
  givenName: o.givenName,
  familyName: o.familyName,
  preferredName: o.preferredName,
  dob: toString(o.dob)
} AS candidate
