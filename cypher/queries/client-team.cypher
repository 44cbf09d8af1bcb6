// Client.team: the current team, one row per membership, for current team members only
// (DESIGN.md rule 2). Restricted members are shown to everybody but themselves as ONE masked
// entry, however many there are (rule 3): "a restricted service is involved" and nothing that
// narrows it down: no duty line (it matches exactly one agency in the phone book), agency, kind,
// person, dates or reason, and no count of services. They are reached through
// askRestrictedToContact instead.
WITH this
WHERE EXISTS { MATCH (:Practitioner {id: $jwt.sub})-[v:MEMBER_OF]->(this) WHERE v.until IS NULL }
MATCH (p:Practitioner)-[m:MEMBER_OF]->(this)
WHERE m.until IS NULL
WITH p, m, coalesce(m.restricted, false) AS restricted
WITH p, m, restricted, restricted AND p.id <> $jwt.sub AS masked
WITH masked, CASE WHEN masked THEN '' ELSE p.id END AS key,
  head(collect({p: p, m: m, restricted: restricted})) AS one
WITH masked, one.p AS p, one.m AS m, one.restricted AS restricted
OPTIONAL MATCH (p)-[:WORKS_AT]->(ag:Agency) WHERE NOT masked
WITH masked, p, m, restricted, head(collect(ag)) AS a
ORDER BY masked, coalesce(m.lead, false) DESC, m.since
RETURN CASE WHEN masked THEN {
  masked: true, restricted: true, lead: false, isViewer: false
} ELSE {
  masked: false, restricted: restricted, lead: coalesce(m.lead, false), isViewer: p.id = $jwt.sub,
  dutyPhone: a.dutyPhone, practitionerId: p.id, name: p.name, jobTitle: p.jobTitle,
  phone: p.phone, email: p.email, agencyId: a.id, agencyName: a.name, agencyKind: a.kind,
  since: m.since, lastConfirmedAt: m.lastConfirmedAt, reason: m.reason,
  leadSince: CASE WHEN coalesce(m.lead, false) THEN m.leadSince END
} END AS member
