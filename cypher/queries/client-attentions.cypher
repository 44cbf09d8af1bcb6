// Client.attentions: for current team members only; open and urgent first. Whoever raised an
// attention while a restricted member of this team stays masked to everybody else (rule 3): no
// duty line, agency or name.
WITH this
WHERE EXISTS { MATCH (:Practitioner {id: $jwt.sub})-[v:MEMBER_OF]->(this) WHERE v.until IS NULL }
MATCH (at:Attention)-[:ABOUT]->(this)
OPTIONAL MATCH (rp:Practitioner)-[:RAISED]->(at)
OPTIONAL MATCH (rp)-[:WORKS_AT]->(ra:Agency)
WITH this, at, rp, ra,
  rp IS NOT NULL AND EXISTS { MATCH (rp)-[rm:MEMBER_OF]->(this) WHERE rm.restricted } AS restricted
WITH this, at, rp, ra, restricted, restricted AND rp.id <> $jwt.sub AS masked
ORDER BY at.resolvedAt IS NULL DESC, at.priority = 'URGENT' DESC, at.createdAt DESC
RETURN {
  id: at.id,
  message: at.message,
  priority: at.priority,
  createdAt: at.createdAt,
  resolvedAt: at.resolvedAt,
  acknowledgedByViewer: EXISTS { MATCH (:Practitioner {id: $jwt.sub})-[:ACKNOWLEDGED]->(at) },
  acknowledgedCount: COUNT { MATCH (:Practitioner)-[:ACKNOWLEDGED]->(at) },
  raisedBy: CASE
    WHEN rp IS NULL THEN null
    WHEN masked THEN {
      masked: true, restricted: true, lead: false, isViewer: false
    }
    ELSE {
      masked: false, restricted: restricted, lead: false, isViewer: rp.id = $jwt.sub,
      dutyPhone: ra.dutyPhone, practitionerId: rp.id, name: rp.name, jobTitle: rp.jobTitle,
      phone: rp.phone, email: rp.email, agencyId: ra.id, agencyName: ra.name, agencyKind: ra.kind
    }
  END
} AS attention
