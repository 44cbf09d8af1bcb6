// Practitioners for the search box (the phone book): by name and job title through the
// `practitioner_names` index, and by agency: the active staff of the few best-matching agencies
// (bounded per agency, so a big agency is never read whole). Active accounts only. A practitioner's
// tier is the most local of the areas they cover. Ranked like clients: how well a name matches
// (search-name-match.cypher; someone found only through their agency's name is never an exact
// match, so the agency itself comes first), then tier, then relevance. Returns the public profile only: never their
// clients or teams (that would reveal restricted memberships, DESIGN.md rule 3).
CALL () {
  CALL db.index.fulltext.queryNodes('practitioner_names', $lucene, {limit: toInteger($candidates)})
  YIELD node, score
  RETURN node AS p, score, null AS agencyName
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
  RETURN p, staffScore AS score, node.name AS agencyName
}
WITH p, max(score) AS score, collect(agencyName) AS agencyNames,
  count(agencyName) = count(*) AS onlyViaAgency
WHERE p.status = 'ACTIVE'
WITH p, score, agencyNames, onlyViaAgency,
  COLLECT { MATCH (p)-[:COVERS]->(a:Area) RETURN DISTINCT a.code } AS codes
WHERE $within IS NULL OR any(code IN codes WHERE code IN $within OR code IN $above)
WITH p, score, codes, onlyViaAgency, CASE
    WHEN any(code IN codes WHERE code IN $tier0) THEN 0
    WHEN any(code IN codes WHERE code IN $tier1) THEN 1
    WHEN any(code IN codes WHERE code IN $tier2) THEN 2
    ELSE 3 END AS tier,
  [p.name, p.jobTitle] + agencyNames AS names, [] AS extraWords
// @include search-name-match.cypher
WITH p, score, codes, tier, CASE WHEN onlyViaAgency AND match = 0 THEN 1 ELSE match END AS match
WITH collect({p: p, score: score, tier: tier, codes: codes, match: match}) AS rows
RETURN [t IN range(0, 3) | size([r IN rows WHERE r.tier = t])] AS tierCounts,
  size(rows) >= toInteger($candidates) AS capped,
  COLLECT {
    UNWIND rows AS r
    WITH r WHERE r.tier <= $maxTier
    WITH r.p AS p, r.score AS score, r.tier AS tier, r.codes AS codes, r.match AS match
    ORDER BY CASE match WHEN 0 THEN 0 WHEN 3 THEN 2 ELSE 1 END, tier, match, score DESC,
      p.name, p.id
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
      match: match,
      score: score
    } AS hit
  } AS hits
