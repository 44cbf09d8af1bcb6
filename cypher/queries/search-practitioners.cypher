// Practitioners for the search box (the phone book): by name and job title through the
// `practitioner_names` index, and by agency: the active staff of the few best-matching agencies
// (bounded per agency, so a big agency is never read whole). Active accounts only. A practitioner's
// tier is the most local of the areas they cover. Returns the public profile only: never their
// clients or teams (that would reveal restricted memberships, DESIGN.md rule 3).
CALL () {
  CALL db.index.fulltext.queryNodes('practitioner_names', $lucene, {limit: toInteger($candidates)})
  YIELD node, score
  RETURN node AS p, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('agency_names', $lucene, {limit: toInteger($agencyLimit)})
  YIELD node, score
  CALL (node, score) {
    MATCH (p:Practitioner)-[:WORKS_AT]->(node)
    WHERE p.status = 'ACTIVE'
    // Staff of a matching agency rank below people matched by their own name.
    RETURN p, score * 0.5 AS staffScore
    LIMIT toInteger($perAgency)
  }
  RETURN p, staffScore AS score
}
WITH p, max(score) AS score
WHERE p.status = 'ACTIVE'
WITH p, score, COLLECT { MATCH (p)-[:COVERS]->(a:Area) RETURN DISTINCT a.code } AS codes
WHERE $within IS NULL OR any(code IN codes WHERE code IN $within OR code IN $above)
WITH p, score, codes, CASE
    WHEN any(code IN codes WHERE code IN $tier0) THEN 0
    WHEN any(code IN codes WHERE code IN $tier1) THEN 1
    WHEN any(code IN codes WHERE code IN $tier2) THEN 2
    ELSE 3 END AS tier
WITH collect({p: p, score: score, tier: tier, codes: codes}) AS rows
RETURN [t IN range(0, 3) | size([r IN rows WHERE r.tier = t])] AS tierCounts,
  size(rows) >= toInteger($candidates) AS capped,
  COLLECT {
    UNWIND rows AS r
    WITH r WHERE r.tier <= $maxTier
    WITH r.p AS p, r.score AS score, r.tier AS tier, r.codes AS codes
    ORDER BY tier, score DESC, p.name, p.id
    LIMIT toInteger($limit)
    CALL (p) {
      // Exactly one current agency by the model; LIMIT keeps a data slip from duplicating hits.
      OPTIONAL MATCH (p)-[:WORKS_AT]->(ag:Agency)
      RETURN ag ORDER BY ag.name LIMIT 1
    }
    RETURN {
      id: p.id,
      name: p.name,
      jobTitle: p.jobTitle,
      agencyId: ag.id,
      agencyName: ag.name,
      agencyKind: ag.kind,
      areaNames: COLLECT {
        UNWIND codes[0..4] AS code
        MATCH (a:Area {code: code})
        RETURN a.name ORDER BY a.name
      },
      areaCount: size(codes),
      tier: tier,
      score: score
    } AS hit
  } AS hits
