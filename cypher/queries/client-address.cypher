// Client.address: FORBIDDEN unless the viewer is a current team member (rule 4: addresses are
// team-only and never in search results). An address withheld for safety shows its text only
// to the member who withheld it and to the lead professional; others learn whom to ask (a
// restricted member only as "a restricted service": nothing about it, rule 3).
// Exactly one row, null when there is no address: no row would drop the client from the answer.
WITH this
CALL apoc.util.validate(
  NOT EXISTS { MATCH (:Practitioner {id: $jwt.sub})-[v:MEMBER_OF]->(this) WHERE v.until IS NULL },
  '@neo4j/graphql/FORBIDDEN',
  [0]
)
OPTIONAL MATCH (this)-[:HAS_ADDRESS]->(ad:Address)
WITH this, ad LIMIT 1
WITH this, ad, coalesce(ad.withheldForSafety, false) AS withheld
WITH this, ad, withheld,
  NOT withheld
  OR ad.withheldById = $jwt.sub
  OR EXISTS {
    MATCH (:Practitioner {id: $jwt.sub})-[l:MEMBER_OF]->(this) WHERE l.until IS NULL AND l.lead
  } AS visible
OPTIONAL MATCH (w:Practitioner {id: ad.withheldById}) WHERE withheld
OPTIONAL MATCH (w)-[:WORKS_AT]->(wa:Agency)
WITH ad, withheld, visible, w, wa,
  w IS NOT NULL AND EXISTS { MATCH (w)-[wm:MEMBER_OF]->(this) WHERE wm.restricted } AS restricted
WITH ad, withheld, visible, w, wa, restricted, restricted AND w.id <> $jwt.sub AS masked
RETURN CASE WHEN ad IS NULL THEN null ELSE {
  visible: visible,
  text: CASE WHEN visible THEN ad.text END,
  withheldForSafety: withheld,
  updatedAt: CASE WHEN visible THEN ad.updatedAt END,
  withheldBy: CASE
    WHEN w IS NULL THEN null
    WHEN masked THEN {
      masked: true, restricted: true, lead: false, isViewer: false
    }
    ELSE {
      masked: false, restricted: restricted, lead: false, isViewer: w.id = $jwt.sub,
      dutyPhone: wa.dutyPhone, practitionerId: w.id, name: w.name, jobTitle: w.jobTitle,
      phone: w.phone, email: w.email, agencyId: wa.id, agencyName: wa.name, agencyKind: wa.kind
    }
  END
} END AS address
LIMIT 1
