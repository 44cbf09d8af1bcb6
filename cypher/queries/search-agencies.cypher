// Agencies for the search box (the phone book): by name through the `agency_names` index, by kind
// ("police", "GP": the words are mapped to kinds before the query, $kinds), and by area: agencies
// serving an area whose name the search contains ("housing albury"), or the district it is in.
// An agency's relevance adds up what it matched (a police service serving Albury beats either
// alone); its tier is the most local of the areas it serves.
CALL () {
  WITH 1 AS searching WHERE $lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('agency_names', $lucene, {limit: toInteger($candidates)})
  YIELD node, score
  RETURN node AS ag, score
  UNION ALL
  MATCH (ag:Agency)
  WHERE ag.kind IN $kinds
  WITH ag LIMIT toInteger($candidates)
  RETURN ag, 1.0 AS score
  UNION ALL
  MATCH (place:Area)
  WHERE size($text) >= 3 AND size(place.name) >= 3 AND place.level IN ['COUNCIL', 'DISTRICT']
    AND (' ' + $text + ' ') CONTAINS (' ' + toLower(place.name) + ' ')
  WITH place LIMIT 5
  MATCH (place)-[:PART_OF*0..1]->(served:Area)<-[:SERVES]-(ag:Agency)
  WITH DISTINCT ag LIMIT toInteger($candidates)
  RETURN ag, 1.0 AS score
}
WITH ag, sum(score) AS score
WITH ag, score, COLLECT { MATCH (ag)-[:SERVES]->(a:Area) RETURN DISTINCT a.code } AS codes
WHERE $within IS NULL OR any(code IN codes WHERE code IN $within OR code IN $above)
WITH ag, score, codes, CASE
    WHEN any(code IN codes WHERE code IN $tier0) THEN 0
    WHEN any(code IN codes WHERE code IN $tier1) THEN 1
    WHEN any(code IN codes WHERE code IN $tier2) THEN 2
    ELSE 3 END AS tier
WITH collect({ag: ag, score: score, tier: tier, codes: codes}) AS rows
RETURN [t IN range(0, 3) | size([r IN rows WHERE r.tier = t])] AS tierCounts,
  size(rows) >= toInteger($candidates) AS capped,
  COLLECT {
    UNWIND rows AS r
    WITH r WHERE r.tier <= $maxTier
    WITH r.ag AS ag, r.score AS score, r.tier AS tier, r.codes AS codes
    ORDER BY tier, score DESC, ag.name, ag.id
    LIMIT toInteger($limit)
    RETURN {
      id: ag.id,
      name: ag.name,
      kind: ag.kind,
      sensitive: coalesce(ag.sensitive, false),
      phone: ag.phone,
      dutyPhone: ag.dutyPhone,
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
