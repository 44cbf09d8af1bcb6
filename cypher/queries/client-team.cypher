// Client.team: the current team, one row per membership, for current team members only
// (DESIGN.md rule 2). A restricted member is shown to everybody but themselves as a masked
// entry carrying only their agency's duty line (rule 3).
WITH this
WHERE EXISTS { MATCH (:Practitioner {id: $jwt.sub})-[v:MEMBER_OF]->(this) WHERE v.until IS NULL }
MATCH (p:Practitioner)-[m:MEMBER_OF]->(this)
WHERE m.until IS NULL
OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Agency)
WITH p, m, a, coalesce(m.restricted, false) AS restricted
WITH p, m, a, restricted, restricted AND p.id <> $jwt.sub AS masked
ORDER BY coalesce(m.lead, false) DESC, masked, m.since
RETURN CASE WHEN masked THEN {
  masked: true, restricted: true, lead: coalesce(m.lead, false), isViewer: false,
  dutyPhone: a.dutyPhone
} ELSE {
  masked: false, restricted: restricted, lead: coalesce(m.lead, false), isViewer: p.id = $jwt.sub,
  dutyPhone: a.dutyPhone, practitionerId: p.id, name: p.name, jobTitle: p.jobTitle,
  phone: p.phone, email: p.email, agencyId: a.id, agencyName: a.name, agencyKind: a.kind,
  since: m.since, lastConfirmedAt: m.lastConfirmedAt,
  leadSince: CASE WHEN coalesce(m.lead, false) THEN m.leadSince END
} END AS member
