// Agencies for the search box (the phone book): by name through the `agency_names` index (every
// word, typos forgiven: "Hary" must not bring up every agency of the town of Hay), by kind
// ("police", "GP": the words are mapped to kinds before the query, $kinds, and $kindTerms holds
// the words that named each kind), and by area: agencies serving an area whose name the search
// contains ("housing albury"), or the district it is in. An agency's relevance adds up what it
// matched (a police service serving Albury beats either alone); its tier is the most local of the
// areas it serves. Ranked by how well the name matches (search-name-match.cypher, where the words
// of its kind and of the places it serves count as matched), then tier, then relevance: the
// agency whose whole name was typed comes first wherever it is.
CALL () {
  WITH 1 AS searching WHERE $lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('agency_names', $lucene, {limit: toInteger($candidates)})
  YIELD node, score
  RETURN node AS ag, score, [] AS extra
  UNION ALL
  MATCH (ag:Agency)
  WHERE ag.kind IN $kinds
  WITH ag LIMIT toInteger($candidates)
  RETURN ag, 1.0 AS score, coalesce($kindTerms[ag.kind], []) AS extra
  UNION ALL
  MATCH (place:Area)
  WHERE size($text) >= 3 AND size(place.name) >= 3 AND place.level IN ['COUNCIL', 'DISTRICT']
    AND (' ' + $text + ' ') CONTAINS (' ' + toLower(place.name) + ' ')
  WITH place LIMIT 5
  MATCH (place)-[:PART_OF*0..1]->(served:Area)<-[:SERVES]-(ag:Agency)
  WITH ag, collect(DISTINCT toLower(place.name)) AS places LIMIT toInteger($candidates)
  RETURN ag, 1.0 AS score, apoc.coll.flatten([n IN places | split(n, ' ')]) AS extra
}
WITH ag, sum(score) AS score, apoc.coll.flatten(collect(extra)) AS extraWords
WITH ag, score, extraWords,
  COLLECT { MATCH (ag)-[:SERVES]->(a:Area) RETURN DISTINCT a.code } AS codes
WHERE $within IS NULL OR any(code IN codes WHERE code IN $within OR code IN $above)
WITH ag, score, codes, extraWords, CASE
    WHEN any(code IN codes WHERE code IN $tier0) THEN 0
    WHEN any(code IN codes WHERE code IN $tier1) THEN 1
    WHEN any(code IN codes WHERE code IN $tier2) THEN 2
    ELSE 3 END AS tier,
  [ag.name] AS names
// @include search-name-match.cypher
WITH collect({ag: ag, score: score, tier: tier, codes: codes, match: match}) AS rows
RETURN [t IN range(0, 3) | size([r IN rows WHERE r.tier = t])] AS tierCounts,
  size(rows) >= toInteger($candidates) AS capped,
  COLLECT {
    UNWIND rows AS r
    WITH r WHERE r.tier <= $maxTier
    WITH r.ag AS ag, r.score AS score, r.tier AS tier, r.codes AS codes, r.match AS match
    ORDER BY CASE match WHEN 0 THEN 0 WHEN 3 THEN 2 ELSE 1 END, tier, match, score DESC,
      ag.name, ag.id
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
      match: match,
      score: score
    } AS hit
  } AS hits
